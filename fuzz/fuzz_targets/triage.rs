//! The symptom triage: what a merchant types about a failed payment (`fix "..."`), matched
//! against the built-in rules and response codes.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use posdoctor::codes::CodeTable;
use posdoctor::triage::Rules;

fn tables() -> &'static (Rules, CodeTable) {
    static T: OnceLock<(Rules, CodeTable)> = OnceLock::new();
    T.get_or_init(|| {
        (
            Rules::builtin(),
            CodeTable::builtin().expect("built-in codes"),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (rules, codes) = tables();
    let s = rules.suggest(text, codes);
    let _ = s.next_command();
    let _ = posdoctor::codes::normalize_code(text);
});
