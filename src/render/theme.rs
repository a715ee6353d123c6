//! How questions on the terminal look: dialoguer's plain layout, in the user's language and
//! fitted to the terminal.
//!
//! dialoguer redraws a menu by moving the cursor up as many lines as it wrote, and it counts
//! only the line breaks it wrote itself: a prompt or an error the terminal had to wrap takes
//! more lines than counted, so the redraw leaves its first lines behind (the step shown twice
//! after No, Back or Start over; an error's tail overwritten). Every text is therefore broken
//! into lines that fit before dialoguer sees it. The questions the commands ask themselves
//! (a menu, a line of text checked as it is typed) go through [`PromptTheme::select`] and
//! [`PromptTheme::input`].

use std::fmt;

use super::wrap;
use crate::error::{Error, Message};
use crate::i18n::{Lang, Msg};

/// dialoguer's plain theme with its fixed words ("error:", "yes", "no") in the user's
/// language and every text wrapped to the terminal.
pub struct PromptTheme {
    lang: Lang,
    width: usize,
}

impl PromptTheme {
    pub fn new(lang: Lang) -> PromptTheme {
        PromptTheme::with_width(lang, wrap::columns())
    }

    /// A theme for a terminal `width` columns wide (tests; a terminal of a known size).
    pub fn with_width(lang: Lang, width: usize) -> PromptTheme {
        PromptTheme {
            lang,
            // The last column stays free: a line that fills it moves some terminals' cursor
            // to the next line.
            width: width.saturating_sub(1).max(10),
        }
    }

    /// `text` in lines of at most `width` columns, joined with line breaks.
    fn fit(&self, text: &str, width: usize) -> String {
        wrap::lines(text, width).join("\n")
    }

    /// What goes between a prompt and its answer: nothing after a question mark or a colon
    /// (`问题解决了吗？` not `问题解决了吗？：`).
    fn colon(&self, prompt: &str) -> &'static str {
        match prompt.trim_end().chars().last() {
            Some('?' | '？' | ':' | '：' | '。') => "",
            _ => self.lang.tr(Msg::PromptColon),
        }
    }

    /// A menu item after its two-column marker. dialoguer also measures each line of an item
    /// in bytes against the terminal width to decide how far to clear; a line of Chinese has
    /// three bytes a character, so the lines are made short enough in bytes too.
    fn item_lines(&self, text: &str) -> Vec<String> {
        let mut w = self.width.saturating_sub(2).max(8);
        loop {
            let lines = wrap::lines(text, w);
            if w <= 8 || lines.iter().all(|l| l.len() + 2 <= self.width) {
                return lines;
            }
            w -= 2;
        }
    }
}

/// A prompt that failed: Ctrl-C or Esc is `None` (the person left), anything else an error.
fn left(e: dialoguer::Error) -> Result<(), Error> {
    let dialoguer::Error::IO(io) = e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        Ok(())
    } else {
        Err(Error::Io {
            message: Message::new(Msg::ErrorPrompt),
            source: io,
        })
    }
}

impl PromptTheme {
    /// A menu: the index chosen, or `None` when the person left it (Esc, q, Ctrl-C).
    pub fn select(&self, prompt: &str, items: &[String]) -> Result<Option<usize>, Error> {
        match dialoguer::Select::with_theme(self)
            .with_prompt(prompt)
            .items(items)
            .default(0)
            .interact_opt()
        {
            Ok(pick) => Ok(pick),
            Err(e) => left(e).map(|_| None),
        }
    }

    /// One line of text; an answer `check` refuses is shown with its reason and asked
    /// again. `None` when the person left (Ctrl-C).
    pub fn input(
        &self,
        prompt: &str,
        allow_empty: bool,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<Option<String>, Error> {
        match dialoguer::Input::<String>::with_theme(self)
            .with_prompt(prompt)
            .allow_empty(allow_empty)
            .validate_with(|v: &String| check(v))
            .interact_text()
        {
            Ok(v) => Ok(Some(v)),
            Err(e) => left(e).map(|_| None),
        }
    }
}

impl dialoguer::theme::Theme for PromptTheme {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        let text = format!("{prompt}{}", self.colon(prompt));
        write!(f, "{}", self.fit(&text, self.width))
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        let label = self.lang.tr(Msg::ErrorLabel);
        // A full-width colon carries its own space.
        let space = if label.ends_with('：') { "" } else { " " };
        let text = format!("{label}{space}{err}");
        write!(f, "{}", self.fit(&text, self.width))
    }

    fn format_confirm_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<bool>,
    ) -> fmt::Result {
        let hint = match default {
            None => "[y/n]",
            Some(true) => "[Y/n]",
            Some(false) => "[y/N]",
        };
        // Room for the hint and the key typed after it.
        write!(
            f,
            "{} ",
            self.fit(&format!("{prompt} {hint}"), self.width.saturating_sub(2))
        )
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> fmt::Result {
        let text = match selection {
            Some(true) => format!("{prompt} {}", self.lang.tr(Msg::FixYes)),
            Some(false) => format!("{prompt} {}", self.lang.tr(Msg::FixNo)),
            None => prompt.to_string(),
        };
        write!(f, "{}", self.fit(&text, self.width))
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        let colon = self.colon(prompt);
        let text = match default {
            Some(d) => format!("{prompt} [{d}]{colon}"),
            None => format!("{prompt}{colon}"),
        };
        // The answer is typed after the prompt: leave it a third of the line.
        write!(f, "{} ", self.fit(&text, self.width * 2 / 3))
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        let colon = self.colon(prompt);
        write!(
            f,
            "{}",
            self.fit(&format!("{prompt}{colon} {sel}"), self.width)
        )
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.format_input_prompt_selection(f, prompt, sel)
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        let marker = if active { ">" } else { " " };
        for (i, line) in self.item_lines(text).iter().enumerate() {
            if i == 0 {
                write!(f, "{marker} {line}")?;
            } else {
                write!(f, "\n  {line}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dialoguer::theme::Theme;

    #[test]
    fn every_line_fits_the_terminal() {
        let theme = PromptTheme::with_width(Lang::Zh, 40);
        let step = "请收银员重新签到：在终端管理菜单里选择签到，等待主机应答后再试一笔小额交易";
        let mut s = String::new();
        theme.format_select_prompt(&mut s, step).unwrap();
        assert!(s.lines().count() > 1);
        for l in s.lines() {
            assert!(super::super::width(l) < 40, "{l}");
        }
        let mut item = String::new();
        theme
            .format_select_prompt_item(&mut item, step, true)
            .unwrap();
        for l in item.lines() {
            // dialoguer measures items in bytes.
            assert!(l.len() <= 39, "{l}");
        }
        let mut yes = String::new();
        theme
            .format_confirm_prompt_selection(&mut yes, "开始吗？", Some(true))
            .unwrap();
        assert!(!yes.contains("yes"), "{yes}");
    }
}
