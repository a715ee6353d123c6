//! The escalation ticket: what an acquirer's support desk asks for first, gathered in one
//! place so it can be pasted into a chat or e-mail. Card numbers arrive masked.

use serde::Serialize;

use crate::taxonomy::{Category, Cause};

#[derive(Debug, Clone, Default, Serialize)]
pub struct Ticket {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Fen.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rrn: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terminal_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merchant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cause: Option<Cause>,
    /// What was checked, and what came of it, in the user's language.
    pub checks: Vec<Checked>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    pub what: String,
    pub result: String,
}

impl Ticket {
    /// Only masked card numbers may reach a ticket: a full number is masked, anything that
    /// is neither is dropped (`6222021234567890123*` is not masked, whatever its star).
    pub fn with_card(mut self, card: Option<&str>) -> Self {
        self.card = card.and_then(crate::card::masked);
        self
    }
}
