//! Amendments as tabled: who proposes what, in their own words, and the
//! operations on the plan text that carry it out.

use serde::{Deserialize, Serialize};

/// The kind of proposal, as the minutes name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmendmentKind {
    /// Ändringsförslag: changes or removes text of the base proposal.
    #[serde(alias = "ändringsförslag", alias = "andring", alias = "ändring")]
    Change,
    /// Tilläggsförslag: adds to the base proposal; put against rejection.
    #[serde(alias = "tilläggsförslag", alias = "tillagg", alias = "tillägg")]
    Addition,
}

/// One amendment (yrkande) with its operations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amendment {
    /// Short id used in the case file, on the command line and in tracked
    /// changes (`mp1`, `v2`, …).
    pub id: String,
    /// The proposing member's id.
    pub proposer: String,
    pub kind: AmendmentKind,
    /// The proposer's own number for it ("första ändringsförslag" = 1), as the
    /// minutes refer to it. Counted per proposer and kind when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u32>,
    /// The amendment's wording as tabled, for the minutes.
    pub wording: String,
    pub ops: Vec<Op>,
    /// Members who support it (instämmer / föreslår bifall).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supporters: Vec<String>,
    /// Withdrawn proposals leave the procedure and the minutes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
    /// Tabled only for the case that the matter is decided today ("för det
    /// fall ärendet ska avgöras idag föreslår …"), beside a formal motion:
    /// it enters the procedure only when the formal motion fails.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub conditional: bool,
    /// Its operations were read from its wording ([`crate::amend::reading`])
    /// and are not yet confirmed by a person.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_wording: bool,
    /// The proposer's reasons (motivering), printed in the minutes when the
    /// house style asks for it (`style.motivations`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivation: Option<String>,
    /// The secretary's own note on it, kept in the case file only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Amendment {
    /// An amendment that only carries `ops`, for locating them (a draft, a
    /// selection, a wording): a change by nobody, without wording.
    pub fn probe(id: &str, ops: Vec<Op>) -> Amendment {
        Amendment {
            id: id.into(),
            proposer: String::new(),
            kind: AmendmentKind::Change,
            ordinal: None,
            wording: String::new(),
            ops,
            supporters: Vec::new(),
            withdrawn: false,
            conditional: false,
            from_wording: false,
            motivation: None,
            note: None,
        }
    }

    /// Checks the fields of each operation whatever the plan (see
    /// [`Op::field_problem`]): the first problem, as an error naming the
    /// amendment and the operation.
    pub fn check_fields(&self) -> Result<(), crate::error::Error> {
        for (i, op) in self.ops.iter().enumerate() {
            if let Some(problem) = op.field_problem() {
                return Err(crate::error::Error::BadOperation {
                    at: crate::error::OpRef {
                        amendment: self.id.clone(),
                        op: i + 1,
                        action: op.action.name().into(),
                    },
                    problem,
                });
            }
        }
        Ok(())
    }
}

/// What an operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Remove a section: its heading and everything under it (sub-sections too).
    DeleteSection,
    /// Remove a heading only; its text joins the section before.
    DeleteHeading,
    /// Remove a quoted passage.
    Delete,
    /// Replace a quoted passage with new text.
    Replace,
    /// Insert new text at a place given by `position`.
    Insert,
}

impl Action {
    pub fn name(self) -> &'static str {
        match self {
            Action::DeleteSection => "delete_section",
            Action::DeleteHeading => "delete_heading",
            Action::Delete => "delete",
            Action::Replace => "replace",
            Action::Insert => "insert",
        }
    }
}

/// Where an insertion goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Before the quoted passage.
    Before,
    /// After the quoted passage.
    After,
    /// At the start of the section named by `heading`.
    Start,
    /// At the end of the section named by `heading`.
    End,
}

/// What an insertion adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum InsertAs {
    /// A sentence within the paragraph (at a section's start or end: its first
    /// or last paragraph).
    #[default]
    Sentence,
    /// A paragraph of its own.
    Paragraph,
    /// A new section with the heading `new_heading`, at the level of the
    /// section it is placed beside or at `new_heading_level`.
    Section,
}

/// One operation on the plan text.
///
/// Targets are addressed the way minutes address them: by heading text, or by
/// a quoted passage, optionally narrowed by `section`, `page` and
/// `occurrence`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Op {
    pub action: Action,
    /// The heading of the section to delete, or whose start/end an insertion
    /// goes to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The quoted passage to delete or replace, or to insert before/after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The new text of a replacement or an insertion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// For insertions: where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// For insertions: a sentence, a paragraph or a section.
    #[serde(default, rename = "as", skip_serializing_if = "Option::is_none")]
    pub insert_as: Option<InsertAs>,
    /// For insertions of a section: its heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_heading: Option<String>,
    /// For insertions of a section: the level of its heading, 1 to 6. Left
    /// out, the level of the section it is placed beside; deeper, a
    /// sub-section of that section (see `locate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_heading_level: Option<u8>,
    /// Narrows a quote to the section with this heading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Page hint ("på sidan 4"): narrows an ambiguous match; a unique match
    /// elsewhere is accepted with a warning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Which occurrence (1-based, in document order, after narrowing) when a
    /// passage stands more than once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occurrence: Option<u32>,
}

impl Op {
    fn bare(action: Action) -> Op {
        Op {
            action,
            heading: None,
            quote: None,
            text: None,
            position: None,
            insert_as: None,
            new_heading: None,
            new_heading_level: None,
            section: None,
            page: None,
            occurrence: None,
        }
    }
    /// Remove the section with this heading, with everything under it.
    pub fn delete_section(heading: &str) -> Op {
        Op {
            heading: Some(heading.into()),
            ..Op::bare(Action::DeleteSection)
        }
    }
    /// Remove only this heading.
    pub fn delete_heading(heading: &str) -> Op {
        Op {
            heading: Some(heading.into()),
            ..Op::bare(Action::DeleteHeading)
        }
    }
    /// Remove a quoted passage.
    pub fn delete(quote: &str) -> Op {
        Op {
            quote: Some(quote.into()),
            ..Op::bare(Action::Delete)
        }
    }
    /// Replace a quoted passage.
    pub fn replace(quote: &str, text: &str) -> Op {
        Op {
            quote: Some(quote.into()),
            text: Some(text.into()),
            ..Op::bare(Action::Replace)
        }
    }
    /// Insert text before or after a quoted passage.
    pub fn insert_at_quote(position: Position, quote: &str, text: &str, insert_as: InsertAs) -> Op {
        Op {
            quote: Some(quote.into()),
            text: Some(text.into()),
            position: Some(position),
            insert_as: Some(insert_as),
            ..Op::bare(Action::Insert)
        }
    }
    /// Insert text at the start or end of a section.
    pub fn insert_in_section(
        position: Position,
        heading: &str,
        text: &str,
        insert_as: InsertAs,
    ) -> Op {
        Op {
            heading: Some(heading.into()),
            text: Some(text.into()),
            position: Some(position),
            insert_as: Some(insert_as),
            ..Op::bare(Action::Insert)
        }
    }
    /// Give a new section's heading a level (1–6).
    pub fn heading_level(mut self, level: u8) -> Op {
        self.new_heading_level = Some(level);
        self
    }
    /// What is wrong with the operation's fields whatever the plan, if
    /// anything: a `new_heading_level` outside 1–6, or on an operation that
    /// does not insert a section.
    pub fn field_problem(&self) -> Option<String> {
        let level = self.new_heading_level?;
        if !(1..=6).contains(&level) {
            return Some(format!(
                "\"new_heading_level\" is {level}; a heading's level is 1 (the title) to 6"
            ));
        }
        let what = match (self.action, self.insert_as.unwrap_or_default()) {
            (Action::Insert, InsertAs::Section) => return None,
            (Action::Insert, InsertAs::Sentence) => "inserts a sentence",
            (Action::Insert, InsertAs::Paragraph) => "inserts a paragraph",
            (Action::DeleteSection, _) => "deletes a section",
            (Action::DeleteHeading, _) => "deletes a heading",
            (Action::Delete, _) => "deletes a passage",
            (Action::Replace, _) => "replaces a passage",
        };
        Some(format!(
            "\"new_heading_level\" is only for inserting a new section (\"as\": \"section\"), and this operation {what}"
        ))
    }
    /// Narrow the quote to a section.
    pub fn in_section(mut self, heading: &str) -> Op {
        self.section = Some(heading.into());
        self
    }
    /// Give a page hint.
    pub fn on_page(mut self, page: u32) -> Op {
        self.page = Some(page);
        self
    }
    /// Pick an occurrence.
    pub fn occurrence(mut self, n: u32) -> Op {
        self.occurrence = Some(n);
        self
    }
}
