//! `check --batch`: a CSV of merchants and terminals checked row by row, for both acquirers,
//! each bad row's findings said in both languages.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posdoctor::check::batch::run;
use posdoctor::config::Acquirer;
use posdoctor::finding::Locale;
use posdoctor::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    for (acquirer, lang) in [
        (Acquirer::Unionpay, Lang::Zh),
        (Acquirer::Generic, Lang::En),
    ] {
        let _ = run(data, "batch.csv", acquirer, |bad| {
            for f in &bad.findings {
                let _ = serde_json::to_string(&f.said(Locale::new(lang, true)));
            }
            Ok(())
        });
    }
});
