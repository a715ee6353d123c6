//! How questions look on the terminal (dialoguer's theme): the separator after a prompt, the
//! yes/no keys and the answer echoed back, in the user's language. A Chinese prompt that
//! already ends in ？ or ： gets no second colon (no `？:`), and a confirmed question reads
//! 是/否, not `yes`/`no`.

use std::fmt;

use crate::i18n::{Lang, Msg};

/// dialoguer's plain theme in the user's language.
#[derive(Debug, Clone, Copy)]
pub struct PromptTheme {
    pub lang: Lang,
}

impl PromptTheme {
    pub fn new(lang: Lang) -> PromptTheme {
        PromptTheme { lang }
    }

    /// What follows the prompt before the answer.
    fn sep(&self, prompt: &str) -> &'static str {
        if prompt.ends_with(['？', '?', '：', ':']) {
            " "
        } else {
            match self.lang {
                Lang::Zh => "：",
                Lang::En => ": ",
            }
        }
    }
}

impl dialoguer::theme::Theme for PromptTheme {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        write!(f, "{prompt}{}", self.sep(prompt).trim_end())
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        write!(f, "{} {err}", self.lang.tr(Msg::ErrorLabel))
    }

    fn format_confirm_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<bool>,
    ) -> fmt::Result {
        let keys = match default {
            None => "y/n",
            Some(true) => "Y/n",
            Some(false) => "y/N",
        };
        match self.lang {
            Lang::Zh => write!(f, "{prompt}（{keys}）"),
            Lang::En => write!(f, "{prompt} [{keys}] "),
        }
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> fmt::Result {
        match selection {
            Some(b) => {
                let answer = match (self.lang, b) {
                    (Lang::Zh, true) => self.lang.tr(Msg::FixYes),
                    (Lang::Zh, false) => self.lang.tr(Msg::FixNo),
                    (Lang::En, true) => "yes",
                    (Lang::En, false) => "no",
                };
                write!(f, "{prompt} {answer}")
            }
            None => write!(f, "{prompt}"),
        }
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        match (self.lang, default) {
            (Lang::Zh, Some(d)) => write!(f, "{prompt}（默认 {d}）："),
            (Lang::En, Some(d)) => write!(f, "{prompt} [{d}]: "),
            (_, None) => write!(f, "{prompt}{}", self.sep(prompt)),
        }
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        write!(f, "{prompt}{}{sel}", self.sep(prompt))
    }

    fn format_password_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
    ) -> fmt::Result {
        let hidden = match self.lang {
            Lang::Zh => "（已隐藏）",
            Lang::En => "[hidden]",
        };
        self.format_input_prompt_selection(f, prompt, hidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dialoguer::theme::Theme;

    #[test]
    fn chinese_prompts_take_one_full_width_mark() {
        let t = PromptTheme::new(Lang::Zh);
        let mut s = String::new();
        t.format_input_prompt(&mut s, "商户号", None).unwrap();
        assert_eq!(s, "商户号：");
        s.clear();
        t.format_input_prompt(&mut s, "问题解决了吗？", None)
            .unwrap();
        assert_eq!(s, "问题解决了吗？ ");
        s.clear();
        t.format_confirm_prompt_selection(&mut s, "按这个类别开始排障吗？", Some(true))
            .unwrap();
        assert_eq!(s, "按这个类别开始排障吗？ 是");
        s.clear();
        let en = PromptTheme::new(Lang::En);
        en.format_input_prompt(&mut s, "Merchant ID", None).unwrap();
        assert_eq!(s, "Merchant ID: ");
    }
}
