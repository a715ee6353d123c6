//! Chinese is a first language: everything posdoctor prints with `--lang zh` (every command's
//! human output, every `--help`, the argument errors) and every Chinese string of the data
//! files reads as Chinese. Two rules, checked line by line:
//!
//! - no English words, except identifiers (command, flag and file names, finding ids, profile
//!   fields, placeholders, code in backticks) and the names in [`ALLOWED`] (protocol acronyms,
//!   product and standard names, shells, the values an option takes);
//! - no ASCII `, : ( ) ; ?` beside a Chinese character: Chinese text takes full-width
//!   punctuation (，：（）；？), ASCII stays inside identifiers, numbers and code.
//!
//! Everything runs offline: the built-in simulator (`--demo`), loopback only, and files the
//! test writes.

use crate::common;

use common::Env;

/// Words that may stand in Chinese text as they are. Protocol and standard acronyms, names of
/// products, organisations and shells, metavariables of the usage line and the values options
/// take (`--lang zh`, `--color auto`): each is something a user types or reads as a name.
const ALLOWED: &[&str] = &[
    // protocol, standard and payment acronyms
    "MAC",
    "KCV",
    "TPDU",
    "RRN",
    "ISO",
    "IEC",
    "TLS",
    "TLSv",
    "DNS",
    "PIN",
    "POS",
    "NII",
    "MCC",
    "TCP",
    "UDP",
    "HTTP",
    "HTTPS",
    "URL",
    "IP",
    "IPv",
    "API",
    "CSV",
    "JSON",
    "TOML",
    "UTF",
    "GBK",
    "GB",
    "BOM",
    "STAN",
    "MTI",
    "BCD",
    "ASCII",
    "BIN",
    "CVM",
    "TVR",
    "TSI",
    "AAC",
    "TC",
    "ARQC",
    "EMV",
    "IC",
    "NFC",
    "APN",
    "CA",
    "CN",
    "SAN",
    "PEM",
    "NXDOMAIN",
    "SERVFAIL",
    "SM",
    "TMK",
    "TPK",
    "TAK",
    "TDK",
    "ZMK",
    "HSM",
    "DES",
    "TDES",
    "AES",
    "ANSI",
    "SIM",
    "NTP",
    "RTT",
    "PID",
    "SIGINT",
    "SIGTERM",
    "SIGHUP",
    "UTC",
    "CST",
    "CNY",
    "RMB",
    "CVV",
    "CVN",
    "OTP",
    "QR",
    "ATM",
    "IMEI",
    "LED",
    "USB",
    "RS",
    "TTL",
    "MTU",
    "NAT",
    "VPN",
    "DHCP",
    "SSID",
    "AID",
    "ARPC",
    "CDOL",
    "PDOL",
    "AIP",
    "AFL",
    "ODA",
    "SDA",
    "DDA",
    "CDA",
    "TAC",
    "IAC",
    "LRC",
    "XML",
    "ID",
    "PAN",
    "NO",
    "XDG",
    "HOME",
    "PATH",
    "FILE",
    "NAME",
    "VAR",
    "HEX",
    "CODE",
    "OPTIONS",
    "COMMAND",
    "ARGS",
    "TARGET",
    "NUMBER",
    "CATEGORY",
    "CAUSE",
    "OUTCOME",
    "LANG",
    "LC",
    "ALL",
    "MESSAGES",
    "COLOR",
    "CRLF",
    "VIP",
    "UICS",
    "DF",
    "IAD",
    "IFD",
    "CID",
    "ATC",
    "TTQ",
    "CTQ",
    "TDOL",
    "GENERATE",
    "AC",
    "DUKPT",
    "IPEK",
    "SPA",
    "AAAA",
    "MB",
    "KB",
    "YYMMDD",
    "HHMMSS",
    "MMYY",
    "YY",
    "MM",
    "DD",
    "App",
    "README",
    // products, organisations, names
    "posdoctor",
    "UnionPay",
    "Visa",
    "Mastercard",
    "JCB",
    "Discover",
    "Diners",
    "Amex",
    "American",
    "Express",
    "Luhn",
    "Prometheus",
    "Excel",
    "WPS",
    "Wi",
    "Fi",
    "Ctrl",
    "PowerShell",
    "elvish",
    "bash",
    "zsh",
    "fish",
    "shell",
    "Linux",
    "Windows",
    "macOS",
    "SQLite",
    "PostgreSQL",
    "Markdown",
    "base",
    "Unicode",
    "pcap",
    "pcapng",
    "Wireshark",
    "tcpdump",
    "GitHub",
    "WeChat",
    // words the UnionPay specification uses (quoted verbatim), a cited page's title (`pos机`)
    "Early",
    "bitmap",
    "pos",
    "Alipay",
    "CardInfoLink",
    "Mir",
    "chmod",
    "printf",
    "grep",
    "tail",
    "State",
    "Council",
    "CUP",
    "PBOC",
    "ANSI",
    "NIST",
    "FIPS",
    "RFC",
    "UPOS",
    // the values options take, typed as shown
    "zh",
    "en",
    "auto",
    "always",
    "never",
    "demo",
    "csv",
    "json",
    "table",
    "tdes",
    "aes",
    "sm",
    "unionpay",
    "generic",
    "system",
    "binary",
    "none",
    "yes",
    "no",
    "open",
    "resolved",
    "escalated",
    "abandoned",
    "sales",
    "settlement",
    "terminal",
    "cause",
    "category",
    // subcommands
    "update",
    "close",
    "week",
    "gateway",
    "journal",
    "both",
    "file",
    "env",
    // the commands
    "doctor",
    "net",
    "check",
    "txn",
    "code",
    "fix",
    "incident",
    "profile",
    "sim",
    "decode",
    "watch",
    "completions",
    "help",
    "init",
    "show",
    "list",
    "add",
    "stats",
    "export",
    "status",
    "import",
    "reconcile",
    "key",
    "card",
    "mcc",
    "currency",
    "x",
    // names the test gives (the README's profile) and the key names of a profile
    "shop",
    "tmk",
    "tpk",
    "tak",
    "tdk",
];

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// Chinese characters and full-width punctuation: what ASCII punctuation must not touch.
fn is_chinese(c: char) -> bool {
    is_han(c) || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}' | '“' | '”' | '…')
}

/// The simulator's faults: names typed after `--fault`, listed in help.
const FAULTS: &[&str] = &[
    "slow",
    "refuse",
    "blackhole",
    "reset",
    "garbage",
    "oversize",
    "nxdomain",
    "maintenance",
];

/// Blanks out what is code, not prose: backtick spans, `<METAVAR>`s, `{placeholder}`s, what
/// an error quotes back as typed (`'doctr'`),
/// and a `posdoctor …` command line up to the first Chinese character.
fn mask(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = chars.clone();
    let mut i = 0;
    while i < chars.len() {
        let close = match chars[i] {
            '`' => Some('`'),
            '<' => Some('>'),
            '{' => Some('}'),
            '\'' => Some('\''),
            _ => None,
        };
        if let Some(close) = close
            && let Some(len) = chars[i + 1..].iter().position(|&c| c == close)
            && (close == '`' || chars[i + 1..i + 1 + len].iter().all(|c| !is_han(*c)))
        {
            for c in &mut out[i..=i + 1 + len] {
                *c = ' ';
            }
            i += len + 2;
            continue;
        }
        // The values an option takes, as help lists them.
        if chars[i..].starts_with(&['可', '选', '值', '：']) {
            let mut j = i + 4;
            while j < chars.len() && !is_han(chars[j]) && !matches!(chars[j], '）' | '；') {
                out[j] = ' ';
                j += 1;
            }
            i = j;
            continue;
        }
        if chars[i..].starts_with(&['p', 'o', 's', 'd', 'o', 'c', 't', 'o', 'r', ' '])
            && (i == 0 || !chars[i - 1].is_ascii_alphanumeric())
        {
            let mut j = i;
            while j < chars.len() && !is_chinese(chars[j]) {
                out[j] = ' ';
                j += 1;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// The rule violations in one line of Chinese text.
pub fn lint_line(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let masked = mask(line);
    let chars: Vec<char> = masked.chars().collect();
    // ASCII punctuation with a Chinese character beside it (one space between still counts).
    let near = |from: usize, step: isize| -> Option<char> {
        let mut k = from as isize + step;
        let mut spaces = 0;
        while k >= 0 && (k as usize) < chars.len() {
            let c = chars[k as usize];
            if c == ' ' && spaces == 0 {
                spaces += 1;
                k += step;
                continue;
            }
            return Some(c);
        }
        None
    };
    for (i, &c) in chars.iter().enumerate() {
        if matches!(c, ',' | ':' | '(' | ')' | ';' | '?')
            && (near(i, -1).is_some_and(is_chinese) || near(i, 1).is_some_and(is_chinese))
        {
            found.push(format!("ASCII `{c}` beside Chinese"));
        }
    }
    // English words: tokens made of letters only, outside identifiers. The word after an
    // unquoted `--flag` is its value (`--cause funds`).
    let mut after_flag = false;
    for chunk in masked.split(|c: char| c.is_whitespace() || is_chinese(c)) {
        if chunk.is_empty() {
            continue;
        }
        let value = std::mem::replace(&mut after_flag, chunk.starts_with("--"));
        if value {
            continue;
        }
        for token in chunk.split(|c: char| {
            matches!(
                c,
                ',' | ';' | '(' | ')' | '[' | ']' | '"' | '\'' | '!' | '?' | '·'
            )
        }) {
            let word = token.trim_end_matches([':', '.']);
            if word.is_empty() || !word.chars().all(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            // One or two capitals: a response code (A0, DA), a hex byte (FF), a class letter.
            if word.len() <= 2 && word.chars().all(|c| c.is_ascii_uppercase()) {
                continue;
            }
            if ALLOWED.contains(&word) || FAULTS.contains(&word) {
                continue;
            }
            found.push(format!("English word `{word}`"));
        }
    }
    found
}

/// Every violation in a text, as `line: problem: the line`.
pub fn lint_text(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // A code span the terminal's width broke over two lines is still code on both.
    let mut open = false;
    // So is a list of an option's values that help wrapped.
    let mut values = false;
    for line in text.lines() {
        let mut line = strip_ansi(line);
        if values {
            let indent = line.len() - line.trim_start().len();
            // The break may fall inside the label itself (可选 / 值：).
            if line[indent..].starts_with("值：") {
                line.replace_range(indent..indent + "值：".len(), "");
            }
            line.insert_str(indent, "可选值：");
        }
        values = line
            .rfind("可选值：")
            .is_some_and(|i| !line[i..].contains(['）', '；']))
            || line.trim_end().ends_with("可选");
        if open {
            line.insert(0, '`');
        }
        open = line.matches('`').count() % 2 == 1;
        if open {
            line.push('`');
        }
        for v in lint_line(&line) {
            out.push(format!("{v}: {line}"));
        }
    }
    out
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\u{1b}' {
            for d in it.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The Chinese strings of a data file: values under a `zh` key or a key ending in `_zh`.
fn zh_strings(prefix: &str, value: &toml::Value, out: &mut Vec<(String, String)>) {
    match value {
        toml::Value::Table(t) => {
            for (k, v) in t {
                let path = format!("{prefix}.{k}");
                if (k == "zh" || k.ends_with("_zh"))
                    && let Some(s) = v.as_str()
                {
                    out.push((path, s.to_string()));
                } else {
                    zh_strings(&path, v, out);
                }
            }
        }
        toml::Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                zh_strings(&format!("{prefix}[{i}]"), v, out);
            }
        }
        _ => {}
    }
}

const DATA: &[(&str, &str)] = &[
    ("cards.toml", include_str!("../../data/cards.toml")),
    (
        "clap_errors.toml",
        include_str!("../../data/clap_errors.toml"),
    ),
    ("cli.toml", include_str!("../../data/cli.toml")),
    ("codes.toml", include_str!("../../data/codes.toml")),
    ("currency.toml", include_str!("../../data/currency.toml")),
    ("emv_tags.toml", include_str!("../../data/emv_tags.toml")),
    ("guides.toml", include_str!("../../data/guides.toml")),
    ("keys.toml", include_str!("../../data/keys.toml")),
    ("mcc.toml", include_str!("../../data/mcc.toml")),
    ("messages.toml", include_str!("../../data/messages.toml")),
    ("symptoms.toml", include_str!("../../data/symptoms.toml")),
    (
        "iso8583/generic.toml",
        include_str!("../../data/iso8583/generic.toml"),
    ),
    (
        "iso8583/unionpay.toml",
        include_str!("../../data/iso8583/unionpay.toml"),
    ),
];

fn data_violations() -> Vec<String> {
    let mut out = Vec::new();
    for (file, text) in DATA {
        let value: toml::Value = toml::from_str(text).expect("valid TOML");
        let mut strings = Vec::new();
        zh_strings("", &value, &mut strings);
        for (path, s) in strings {
            for line in s.lines() {
                for v in lint_line(line) {
                    out.push(format!("data/{file} {path}: {v}: {line}"));
                }
            }
        }
    }
    out
}

#[test]
fn data_files_chinese_is_chinese() {
    let v = data_violations();
    assert!(
        v.is_empty(),
        "{} violations in the Chinese of data/*.toml:\n{}",
        v.len(),
        v.join("\n")
    );
}

/// The console examples of the README, as argument lists with `--lang zh` in front.
fn readme_commands() -> Vec<Vec<String>> {
    let readme = include_str!("../../README.md");
    let mut out = Vec::new();
    let mut in_console = false;
    for line in readme.lines() {
        if let Some(info) = line.strip_prefix("```") {
            in_console = !in_console && info.trim() == "console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(cmd) = line.strip_prefix("$ ") {
            let cmd = cmd.split_once(" #").map_or(cmd, |(c, _)| c);
            let words = shell_words::split(cmd).expect("shell words");
            let args = match words.iter().position(|w| w == "--") {
                Some(i) if words[0] == "cargo" => words[i + 1..].to_vec(),
                _ => words[1..].to_vec(),
            };
            out.push(args);
        }
    }
    out
}

fn run_zh(env: &Env, args: &[String], stdin: &str) -> String {
    let out = env
        .cmd()
        .env("POSDOCTOR_LANG", "zh")
        .args(args)
        .write_stdin(stdin)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    format!("{}{}", common::stdout(&out), common::stderr(&out))
}

fn words(s: &str) -> Vec<String> {
    shell_words::split(s).expect("shell words")
}

/// Commands beyond the README's: the faults, the error paths, the files a user brings.
fn extra_commands(env: &Env) -> Vec<(Vec<String>, String)> {
    let dir = env.path();
    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let fleet = dir.join("fleet.csv");
    std::fs::write(
        &fleet,
        "merchant_id,terminal_id,mcc\n898310054111234,10000001,5411\n898310054111234,1000001,5812\n",
    )
    .unwrap();
    let key = dir.join("tmk.hex");
    std::fs::write(&key, "0123456789ABCDEFFEDCBA9876543210\n").unwrap();
    let d = |p: &std::path::Path| p.display().to_string();
    let mut list: Vec<(String, &str)> = vec![
        ("code 00".into(), ""),
        ("code 51 A0 96".into(), ""),
        ("code --list".into(), ""),
        ("code 余额不足".into(), ""),
        ("code Z9".into(), ""),
        ("check merchant-id 898310054111234 --mcc 5812".into(), ""),
        ("check merchant-id 12345".into(), ""),
        ("check terminal-id 10000001".into(), ""),
        ("check mcc 9999".into(), ""),
        ("check currency XYZ".into(), ""),
        ("check card".into(), "6222021234567890123\n"),
        ("check card --expiry 01/20".into(), "4111111111111112\n"),
        (format!("check key --file {}", d(&key)), ""),
        (format!("check key --file {} --expect 000000", d(&key)), ""),
        (format!("check --batch {}", d(&fleet)), ""),
        (format!("txn import {}", d(&empty)), ""),
        ("txn status --demo --fault gateway-garbage".into(), ""),
        ("txn status --demo --fault gateway-status=503".into(), ""),
        ("txn status --demo --rrn 000000000001".into(), ""),
        ("fix declined --print".into(), ""),
        ("fix no-response --print".into(), ""),
        ("fix void-failed --print".into(), ""),
        ("fix terminated --print".into(), ""),
        ("fix not-credited --print".into(), ""),
        ("fix --code 00 --print".into(), ""),
        ("fix --symptom 刷卡没反应".into(), ""),
        (
            "fix declined --no-checks".into(),
            "1\n1\n1\n1\n1\n1\n1\n1\n",
        ),
        (
            "fix --answer category=declined --answer cause=funds --answer funds.1=no --answer funds.2=yes"
                .into(),
            "",
        ),
        ("incident show 1".into(), ""),
        ("incident show abc".into(), ""),
        ("incident show 999".into(), ""),
        ("incident stats".into(), ""),
        ("incident export --format json".into(), ""),
        ("profile show demo".into(), ""),
        ("doctor --demo --fault slow=abc".into(), ""),
        ("doctor --demo --fault nonsense".into(), ""),
        ("decode zz".into(), ""),
        ("decode --emv 9F2701".into(), ""),
        ("net 127.0.0.1:9 --count 1".into(), ""),
        ("doctr".into(), ""),
        ("--lits".into(), ""),
        ("code".into(), ""),
        ("fix declinde".into(), ""),
        ("--color sometimes doctor".into(), ""),
        ("incident".into(), ""),
    ];
    for fault in [
        "refuse",
        "reset",
        "garbage",
        "oversize",
        "wrong-nii",
        "wrong-stan",
        "wrong-terminal",
        "mac-error",
        "not-signed-in",
        "maintenance",
        "insufficient-funds",
        "nxdomain",
        "tls-expired",
        "tls-wrong-host",
        "gateway-garbage",
        "gateway-oversize",
    ] {
        list.push((format!("doctor --demo --fault {fault}"), ""));
    }
    list.into_iter()
        .map(|(c, i)| (words(&c), i.to_string()))
        .collect()
}

/// Runs everything and returns the violations, each with the command that printed it.
fn output_violations() -> (usize, Vec<String>) {
    let env = Env::new();
    let mut runs: Vec<(Vec<String>, String)> = Vec::new();
    for path in common::command_paths(posdoctor::i18n::Lang::Zh) {
        let mut args = path.clone();
        args.push("--help".into());
        runs.push((args, String::new()));
    }
    runs.extend(readme_commands().into_iter().map(|a| (a, String::new())));
    runs.extend(extra_commands(&env));
    // Exports, completion scripts and JSON are data for programs, not text for people.
    runs.retain(|(args, _)| {
        !args
            .iter()
            .any(|a| a == "export" || a == "--json" || a == "csv")
            || args.iter().any(|a| a == "--help")
    });
    let mut found = Vec::new();
    for (args, stdin) in &runs {
        let text = run_zh(&env, args, stdin);
        for v in lint_text(&text) {
            found.push(format!("posdoctor --lang zh {}: {v}", args.join(" ")));
        }
    }
    (runs.len(), found)
}

#[test]
fn every_output_in_chinese_is_chinese() {
    let (runs, v) = output_violations();
    assert!(runs > 80, "only {runs} commands ran");
    assert!(
        v.is_empty(),
        "{} violations in Chinese output:\n{}",
        v.len(),
        v.join("\n")
    );
}

#[test]
fn the_lint_sees_what_it_must() {
    for bad in [
        "类别 [declined]",
        "按这个类别开始排障吗? yes",
        "无法连接收单主机(refused)",
        "商户号 898310054111234:全部检查通过",
        "提示: some similar 子命令 exist",
        "无法识别的参数 '--lits' found",
        "[possible values: zh, en]",
    ] {
        assert!(!lint_line(bad).is_empty(), "{bad}");
    }
    for good in [
        "运行 posdoctor fix declined --cause funds 开始排障",
        "签到应答 00（0810），用时 0.2 毫秒",
        "upos.posdoctor.test (127.0.0.1:38383)  连接成功",
        "用 `--answer funds.1=no` 回答",
        "MAC 校验错（A0）：重新签到，更新 TAK",
        "--profile <NAME>   使用哪个配置档",
    ] {
        assert!(lint_line(good).is_empty(), "{good}: {:?}", lint_line(good));
    }
}

/// With `--json`, a usage error is one JSON document on stdout (exit 2), in the report shape;
/// the text stays on stderr for the person watching.
#[test]
fn usage_errors_with_json_are_one_document() {
    let env = Env::new();
    for (args, command, kind) in [
        (&["--json", "doctr"][..], "posdoctor", "invalid-subcommand"),
        (
            &["--json", "incident", "show", "abc"][..],
            "incident show",
            "value-validation",
        ),
        (
            &["--json", "txn", "status", "--lits"][..],
            "txn status",
            "unknown-argument",
        ),
        (
            &["--lang", "zh", "--json", "code"][..],
            "code",
            "missing-required-argument",
        ),
    ] {
        let out = env.cmd().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let doc = common::json(&out);
        common::assert_schema(&doc);
        assert_eq!(doc["command"], command, "{doc:#}");
        assert_eq!(doc["status"], "fail");
        assert_eq!(doc["usage"]["kind"], kind, "{doc:#}");
        assert_eq!(doc["usage"]["exit"], 2);
        assert_eq!(doc["findings"][0]["id"], "usage");
        assert!(!common::stderr(&out).is_empty());
    }
    // The bad value is named, in both languages, and the Chinese is Chinese.
    let out = env
        .cmd()
        .args(["incident", "show", "abc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(common::stderr(&out).contains("`abc` is not an incident number"));
    let out = env
        .cmd()
        .args(["--lang", "zh", "incident", "show", "abc"])
        .output()
        .unwrap();
    let err = common::stderr(&out);
    assert!(err.contains("`abc` 不是故障记录编号"), "{err}");
    assert!(lint_text(&err).is_empty(), "{err}");
}

/// The wording the first Chinese users tripped over, in both languages.
#[test]
fn wording_that_misled() {
    let env = Env::new();
    // An approval needs no retry: charging again takes the money twice.
    let out = env.cmd().args(["--json", "code", "00"]).output().unwrap();
    assert_eq!(common::json(&out)["codes"][0]["retry"], "not-needed");
    let out = env
        .cmd()
        .args(["--lang", "zh", "code", "00"])
        .output()
        .unwrap();
    assert!(common::stdout(&out).contains("无需重试"));
    // A known fault with a bad value says the value is bad.
    for lang in ["en", "zh"] {
        let out = env
            .cmd()
            .args(["--lang", lang, "doctor", "--demo", "--fault", "slow=abc"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = common::stderr(&out);
        assert!(err.contains("`slow`") && err.contains("`abc`"), "{err}");
        assert!(err.contains("duration") || err.contains("时长"), "{err}");
    }
    // An empty file says it is empty, not that it has no columns.
    let empty = env.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let out = env
        .cmd()
        .arg("txn")
        .arg("import")
        .arg(&empty)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("empty") && !err.contains("columns: )"),
        "{err}"
    );
    // The wrong-NII finding says what the answer should have carried: the NIIs swapped.
    let out = env
        .cmd()
        .args(["--json", "doctor", "--demo", "--fault", "wrong-nii"])
        .output()
        .unwrap();
    let doc = common::json(&out);
    let nii = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["metrics"]["error"] == "nii")
        .unwrap_or_else(|| panic!("{doc:#}"));
    let summary = nii["summary"].as_str().unwrap();
    assert!(summary.contains("swapped"), "{summary}");
    // `--format` decides what `incident export` writes, `--json` or not.
    let out = env
        .cmd()
        .args(["--json", "incident", "export", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        common::stdout(&out).starts_with("id,"),
        "{}",
        common::stdout(&out)
    );
    let out = env
        .cmd()
        .args(["--json", "incident", "export"])
        .output()
        .unwrap();
    assert!(common::stdout(&out).trim_start().starts_with('['));
}

/// `--fault <TAB>` offers the fault names: the completion scripts list them.
#[test]
fn fault_names_complete() {
    let bash = include_str!("../../completions/posdoctor.bash");
    assert!(bash.contains("gateway-garbage") && bash.contains("mac-error"));
}
