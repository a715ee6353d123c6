//! The generated files: shell completions and man pages, both from the clap definition, in
//! English (the language of the man-page system). `tests/cli/generated.rs` fails when the
//! checked-in copies in `completions/` and `man/` differ from what this produces.

use clap_complete::Shell;

use crate::cli;
use crate::i18n::Lang;

pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

pub fn completion(shell: Shell) -> String {
    let mut cmd = cli::command(Lang::En);
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "posdoctor", &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// The file name a completion script is installed under, by shell convention.
pub fn completion_file_name(shell: Shell) -> String {
    match shell {
        Shell::Bash => "posdoctor.bash".into(),
        Shell::Zsh => "_posdoctor".into(),
        Shell::Fish => "posdoctor.fish".into(),
        Shell::PowerShell => "_posdoctor.ps1".into(),
        Shell::Elvish => "posdoctor.elv".into(),
        _ => format!("posdoctor.{shell}"),
    }
}

/// One man page per command and subcommand: `(file name, roff text)`.
pub fn man_pages() -> Vec<(String, String)> {
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut Vec<(String, String)>) {
        let name = if prefix.is_empty() {
            cmd.get_name().to_string()
        } else {
            format!("{prefix}-{}", cmd.get_name())
        };
        let page = cmd
            .clone()
            .name(name.clone())
            .bin_name(name.replace('-', " "));
        let mut buf = Vec::new();
        // Rendering into memory cannot fail short of running out of memory.
        if clap_mangen::Man::new(page).render(&mut buf).is_ok() {
            out.push((
                format!("{name}.1"),
                String::from_utf8_lossy(&buf).into_owned(),
            ));
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &name, out);
        }
    }
    let mut out = Vec::new();
    walk(&cli::command(Lang::En), "", &mut out);
    out
}
