//! `check --batch`: a CSV of merchants and terminals checked row by row, for both acquirers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use posdoctor::check::batch::run;
use posdoctor::config::Acquirer;
use posdoctor::i18n::Lang;

fuzz_target!(|data: &[u8]| {
    for (acquirer, lang) in [
        (Acquirer::Unionpay, Lang::Zh),
        (Acquirer::Generic, Lang::En),
    ] {
        let _ = run(data, "batch.csv", acquirer, lang, |bad| {
            let _ = serde_json::to_string(bad);
            Ok(())
        });
    }
});
