//! The checked-in completions and man pages must be what the command definition produces
//! now. To regenerate them after changing the command line:
//!
//!     UPDATE_GENERATED=1 cargo test --test cli generated

use std::path::Path;

use posdoctor::generate;

const HOW: &str = "run `UPDATE_GENERATED=1 cargo test --test cli generated` and commit the result";

fn check(dir: &str, files: Vec<(String, String)>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let update = std::env::var_os("UPDATE_GENERATED").is_some();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
    }
    let mut expected: Vec<String> = Vec::new();
    for (name, text) in files {
        let path = dir.join(&name);
        if update {
            std::fs::write(&path, &text).unwrap();
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(current == text, "{} is stale: {HOW}", path.display());
        expected.push(name);
    }
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    present.sort();
    expected.sort();
    assert_eq!(
        present,
        expected,
        "{} holds files the command line no longer makes: {HOW}",
        dir.display()
    );
}

#[test]
fn completions_are_fresh() {
    let files = generate::SHELLS
        .iter()
        .map(|s| (generate::completion_file_name(*s), generate::completion(*s)))
        .collect();
    check("completions", files);
}

#[test]
fn man_pages_are_fresh() {
    let pages = generate::man_pages();
    assert!(pages.iter().any(|(n, _)| n == "posdoctor-code.1"));
    assert!(pages.iter().any(|(n, _)| n == "posdoctor-profile-init.1"));
    check("man", pages);
}

#[test]
fn completions_command_prints_the_same_scripts() {
    for shell in generate::SHELLS {
        let out = assert_cmd::Command::cargo_bin("posdoctor")
            .unwrap()
            .args(["completions", &shell.to_string()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            generate::completion(shell),
            "{shell}"
        );
    }
}
