//! Turns `data/messages.toml` into a typed message table (`Msg`), so that a message used in
//! code but missing from the data, or present in only one language, fails the build instead
//! of showing a key to a merchant at the counter.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(serde::Deserialize)]
struct Entry {
    en: String,
    zh: String,
}

fn placeholders(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        // `{n|one|other}` (an English plural) names the argument `n`.
        let name = &rest[start + 1..start + end];
        out.push(name.split('|').next().unwrap_or(name).to_string());
        rest = &rest[start + end + 1..];
    }
    out.sort();
    out.dedup();
    out
}

fn variant_name(key: &str) -> String {
    key.split(['.', '-', '_'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, Entry>) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        let toml::Value::Table(t) = v else {
            panic!("data/messages.toml: `{key}` must be a table with `en` and `zh`");
        };
        if t.contains_key("en") || t.contains_key("zh") {
            let entry: Entry = t.clone().try_into().unwrap_or_else(|e| {
                panic!("data/messages.toml: `{key}` needs both `en` and `zh` strings: {e}")
            });
            if entry.en.trim().is_empty() || entry.zh.trim().is_empty() {
                panic!("data/messages.toml: `{key}` has an empty translation");
            }
            if placeholders(&entry.en) != placeholders(&entry.zh) {
                panic!("data/messages.toml: `{key}` uses different placeholders in en and zh");
            }
            out.insert(key, entry);
        } else {
            flatten(&key, t, out);
        }
    }
}

/// The knowledge-base files are TOML for the people who edit them; the binary embeds them as
/// JSON, which parses several times faster at start-up.
fn embed_as_json(name: &str) {
    println!("cargo::rerun-if-changed=data/{name}.toml");
    let path = format!("data/{name}.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json = serde_json::to_string(&value).expect("TOML values are JSON values");
    let file = format!("{}.json", name.replace('/', "-"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join(file);
    std::fs::write(out, json).expect("write embedded JSON");
}

fn main() {
    embed_as_json("codes");
    embed_as_json("cli");
    embed_as_json("mcc");
    embed_as_json("currency");
    embed_as_json("cards");
    embed_as_json("keys");
    embed_as_json("emv_tags");
    embed_as_json("iso8583/unionpay");
    embed_as_json("iso8583/generic");
    println!("cargo::rerun-if-changed=data/messages.toml");
    let text = std::fs::read_to_string("data/messages.toml").expect("read data/messages.toml");
    let table: toml::Table = toml::from_str(&text).expect("data/messages.toml is not valid TOML");
    let mut entries = BTreeMap::new();
    flatten("", &table, &mut entries);

    let mut code = String::new();
    code.push_str("/// Every user-facing message, generated from `data/messages.toml`.\n");
    code.push_str(
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n#[allow(dead_code)]\npub enum Msg {\n",
    );
    for key in entries.keys() {
        writeln!(code, "    /// `{key}`\n    {},", variant_name(key)).unwrap();
    }
    code.push_str("}\n\nimpl Msg {\n    pub const ALL: &'static [Msg] = &[\n");
    for key in entries.keys() {
        writeln!(code, "        Msg::{},", variant_name(key)).unwrap();
    }
    code.push_str("    ];\n\n    pub fn key(self) -> &'static str {\n        match self {\n");
    for key in entries.keys() {
        writeln!(code, "            Msg::{} => {key:?},", variant_name(key)).unwrap();
    }
    code.push_str(
        "        }\n    }\n\n    pub fn en(self) -> &'static str {\n        match self {\n",
    );
    for (key, e) in &entries {
        writeln!(
            code,
            "            Msg::{} => {:?},",
            variant_name(key),
            e.en
        )
        .unwrap();
    }
    code.push_str(
        "        }\n    }\n\n    pub fn zh(self) -> &'static str {\n        match self {\n",
    );
    for (key, e) in &entries {
        writeln!(
            code,
            "            Msg::{} => {:?},",
            variant_name(key),
            e.zh
        )
        .unwrap();
    }
    code.push_str("        }\n    }\n}\n");

    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("messages.rs");
    std::fs::write(out, code).expect("write messages.rs");
}
