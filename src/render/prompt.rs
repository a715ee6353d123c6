//! Questions to the person at the terminal (dialoguer): the menus of a guided fix and the
//! RRN on the receipt. Ctrl-C at a prompt is an answer (quit, or skip), not an error.

use crate::error::{Error, Message};
use crate::guide::run::Reply;
use crate::guide::{Node, Pos, Session, StepKind};
use crate::i18n::{Lang, Msg};
use crate::taxonomy::Category;

use super::theme::PromptTheme;

/// Asks for the RRN on the receipt; `None` when the operator skips it.
pub fn ask_rrn(lang: Lang) -> Result<Option<String>, Error> {
    let theme = PromptTheme::new(lang);
    let answer = dialoguer::Input::<String>::with_theme(&theme)
        .with_prompt(lang.tr(Msg::FixAskRrn))
        .allow_empty(true)
        .validate_with(move |v: &String| -> Result<(), String> {
            let v = v.trim();
            if v.is_empty() || (v.len() == 12 && v.chars().all(|c| c.is_ascii_alphanumeric())) {
                Ok(())
            } else {
                Err(lang.tr(Msg::RuleRrn).to_string())
            }
        })
        .interact_text();
    match answer {
        Ok(v) => Ok(Some(v.trim().to_string()).filter(|v| !v.is_empty())),
        Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => Ok(None),
        Err(dialoguer::Error::IO(e)) => Err(Error::Io {
            message: Message::new(Msg::ErrorPrompt),
            source: e,
        }),
    }
}

/// Asks one position of a guided session on the terminal, with back, start over and
/// quit after the choices.
pub fn ask(session: &Session, pos: &Pos, lang: Lang, can_go_back: bool) -> Result<Reply, Error> {
    // Ctrl-C at a menu is a quit like any other: the session is still recorded.
    let prompt_error = |e: dialoguer::Error| -> Option<Error> {
        let dialoguer::Error::IO(io) = e;
        (io.kind() != std::io::ErrorKind::Interrupted).then(|| Error::Io {
            message: Message::new(Msg::ErrorPrompt),
            source: io,
        })
    };
    // Fitted to the terminal, so that dialoguer redraws its menus in place.
    let theme = PromptTheme::new(lang);
    if *pos == Pos::Triage {
        let yes = match dialoguer::Confirm::with_theme(&theme)
            .with_prompt(lang.tr(Msg::FixTriageConfirm))
            .default(true)
            .interact_opt()
        {
            Ok(v) => v,
            Err(e) => return prompt_error(e).map_or(Ok(Reply::Quit), Err),
        };
        return Ok(match yes {
            Some(true) => Reply::Choice("yes".into()),
            Some(false) => Reply::Choice("no".into()),
            None => Reply::Quit,
        });
    }
    let choices = session.choices(pos);
    let (prompt, mut labels): (String, Vec<String>) = match pos {
        Pos::Ask { id, .. } => {
            let Some(q) = session.asking.as_ref().and_then(|a| a.rules.question(id)) else {
                return Ok(Reply::Quit);
            };
            (
                q.text.get(lang).to_string(),
                q.answers
                    .iter()
                    .map(|a| a.text.get(lang).to_string())
                    .collect(),
            )
        }
        Pos::Category => (
            lang.tr(Msg::FixWhichCategory).to_string(),
            Category::ALL
                .iter()
                .map(|c| format!("{} ({c})", c.name(lang)))
                .collect(),
        ),
        Pos::Guide(c, Node::Cause) => {
            let Some(w) = session.walk(*c) else {
                return Ok(Reply::Quit);
            };
            (
                w.guide.question.get(lang).to_string(),
                w.guide
                    .branches
                    .iter()
                    .map(|b| b.label.get(lang).to_string())
                    .collect(),
            )
        }
        Pos::Guide(c, n) => {
            let step = session.walk(*c).and_then(|w| w.step(n));
            let text = step.map_or("", |s| s.text.get(lang));
            let is_check =
                step.is_some_and(|s| s.kind == StepKind::Check) && matches!(n, Node::Step { .. });
            if is_check {
                (
                    // Reached only when a check has neither run nor an `observe` question.
                    format!("{}{}{text}", lang.tr(Msg::FixCheck), super::colon(lang)),
                    vec![lang.tr(Msg::FixOk).into(), lang.tr(Msg::FixFailed).into()],
                )
            } else {
                (
                    format!("{text}\n{}", lang.tr(Msg::FixFixed)),
                    vec![lang.tr(Msg::FixYes).into(), lang.tr(Msg::FixNo).into()],
                )
            }
        }
        Pos::Triage => unreachable!("handled above"),
    };
    let n = labels.len();
    if can_go_back {
        labels.push(lang.tr(Msg::FixBack).into());
        labels.push(lang.tr(Msg::FixRestart).into());
    }
    labels.push(lang.tr(Msg::FixQuit).into());
    let pick = match dialoguer::Select::with_theme(&theme)
        .with_prompt(prompt)
        .items(&labels)
        .default(0)
        .interact_opt()
    {
        Ok(v) => v,
        Err(e) => return prompt_error(e).map_or(Ok(Reply::Quit), Err),
    };
    Ok(match pick {
        Some(i) if i < n => choices.get(i).cloned().map_or(Reply::Quit, Reply::Choice),
        Some(i) if can_go_back && i == n => Reply::Back,
        Some(i) if can_go_back && i == n + 1 => Reply::Restart,
        _ => Reply::Quit,
    })
}

/// Asks for a secret (a key, a card number, a component) without echoing it; an empty answer
/// only when `allow_empty`.
pub fn secret(
    lang: Lang,
    prompt: &str,
    allow_empty: bool,
) -> Result<zeroize::Zeroizing<String>, Error> {
    let theme = PromptTheme::new(lang);
    dialoguer::Password::with_theme(&theme)
        .with_prompt(prompt)
        .allow_empty_password(allow_empty)
        .interact()
        .map(zeroize::Zeroizing::new)
        .map_err(|e| match e {
            dialoguer::Error::IO(io) => Error::Io {
                message: Message::new(Msg::ErrorPrompt),
                source: io,
            },
        })
}
