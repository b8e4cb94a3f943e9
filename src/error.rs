//! Errors: what is wrong, where, and what to do about it.
//!
//! Every error names the amendment and operation it concerns and, for a
//! passage that cannot be found, the closest passage that was. The CLI prints
//! them in the style of rustc (`error: …`, `  --> where`, `  = help: …`); the
//! browser shows the same text.

use serde::Serialize;
use std::fmt;

/// Where a passage stands in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    pub page: u32,
    /// The heading of the section the passage is in.
    pub section: Option<String>,
    /// The block's id.
    pub block: String,
    /// A short excerpt of the passage or its surroundings.
    pub excerpt: String,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "page {}", self.page)?;
        if let Some(s) = &self.section {
            write!(f, ", section ”{s}”")?;
        }
        write!(f, ": ”{}”", self.excerpt)
    }
}

/// The passage most like a quote that was not found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NearMatch {
    /// Similarity between 0 and 1.
    pub similarity: f32,
    pub place: Place,
    /// The whole closest passage.
    pub text: String,
}

impl fmt::Display for NearMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "closest match, {} %, {}",
            // a whole percentage, without float formatting (which costs the
            // browser module about 15 KB)
            (self.similarity * 100.0).round() as u32,
            self.place
        )
    }
}

/// Which operation of which amendment an error concerns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpRef {
    pub amendment: String,
    /// 1-based number of the operation within the amendment.
    pub op: usize,
    /// The operation's action (`replace`, `delete_section`, …).
    pub action: String,
}

impl fmt::Display for OpRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "amendment {}, operation {} ({})",
            self.amendment, self.op, self.action
        )
    }
}

fn near(n: &Option<Box<NearMatch>>) -> String {
    match n {
        Some(n) => format!("; {n}"),
        None => String::new(),
    }
}

fn places(p: &[Place]) -> String {
    p.iter()
        .enumerate()
        .map(|(i, p)| format!("\n  {}. {p}", i + 1))
        .collect()
}

/// Everything that can go wrong.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum Error {
    #[error("the plan text is empty")]
    EmptyPlan,

    #[error("the plan is {bytes} bytes; the most accepted is {max}")]
    PlanTooLarge { bytes: usize, max: usize },

    #[error("the plan has a block of {chars} characters on page {page} (starting ”{start}”); the most accepted is {max} — is this a plan text?")]
    BlockTooLong {
        page: u32,
        chars: usize,
        max: usize,
        start: String,
    },

    #[error("this is not plan text: line {line} has a {what}")]
    NotText { line: usize, what: String },

    #[error(
        "{at}: the quoted passage is not in the plan: ”{quote}”{}",
        near(nearest)
    )]
    QuoteNotFound {
        at: OpRef,
        quote: String,
        nearest: Option<Box<NearMatch>>,
    },

    #[error("{at}: the quoted passage stands {} times in the plan; say which with \"occurrence\", \"section\" or \"page\": ”{quote}”{}", places.len(), self::places(places))]
    QuoteAmbiguous {
        at: OpRef,
        quote: String,
        places: Vec<Place>,
    },

    #[error("{at}: occurrence {occurrence} asked for, but the passage stands only {found} times: ”{quote}”")]
    NoSuchOccurrence {
        at: OpRef,
        quote: String,
        occurrence: u32,
        found: usize,
    },

    #[error("{at}: there is no heading ”{heading}”{}", near(nearest))]
    HeadingNotFound {
        at: OpRef,
        heading: String,
        nearest: Option<Box<NearMatch>>,
    },

    #[error("{at}: the heading ”{heading}” stands {} times; say which with \"page\" or \"occurrence\"{}", places.len(), self::places(places))]
    HeadingAmbiguous {
        at: OpRef,
        heading: String,
        places: Vec<Place>,
    },

    #[error("{at}: the passage is not in section ”{section}” but {}: ”{quote}”", found.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    NotInSection {
        at: OpRef,
        quote: String,
        section: String,
        found: Vec<Place>,
    },

    #[error("{at}: {what} is missing")]
    MissingField { at: OpRef, what: String },

    #[error("{at}: {what} is empty")]
    EmptyText { at: OpRef, what: String },

    #[error("{at}: {problem}")]
    BadOperation { at: OpRef, problem: String },

    #[error("amendment {amendment} has no operations")]
    NoOperations { amendment: String },

    #[error("there is no amendment ”{id}”{}", if known.is_empty() { String::new() } else { format!("; the case has: {}", known.join(", ")) })]
    UnknownAmendment { id: String, known: Vec<String> },

    #[error("amendment {amendment}: there is no member ”{member}” (the {role})")]
    UnknownMember {
        amendment: String,
        member: String,
        role: String,
    },

    #[error("the id ”{id}” is used twice (for {what})")]
    DuplicateId { id: String, what: String },

    #[error("there is no block {number}; the plan has {blocks} blocks")]
    NoSuchBlock { number: usize, blocks: usize },

    #[error("block {number} (”{excerpt}”): {problem}")]
    PlanEdit {
        /// The block's number, counted from 1.
        number: usize,
        excerpt: String,
        problem: String,
    },

    #[error("{a} and {b} conflict: {reason}; adopt one of them, or say which wins")]
    Conflict {
        a: String,
        b: String,
        reason: String,
    },

    #[error("the case file is not valid JSON: {message} (line {line}, column {column})")]
    Json {
        message: String,
        line: usize,
        column: usize,
    },

    #[error("the case file says \"format\": \"{found}\"; this version of amend reads \"amend/1\"")]
    FormatVersion { found: String },

    #[error(
        "the case file has no \"format\" field; is it an amend case (\"format\": \"amend/1\")?"
    )]
    NotACase,

    #[error(
        "an amendment has the id ”{id}”, which the procedure uses for {what}; give it another id"
    )]
    ReservedId { id: String, what: String },

    /// The plan is in a format this build of amend does not read (the
    /// browser's main module reads no Markdown: the app then switches to the
    /// module that does).
    #[error("this build of amend does not read {format} plans")]
    FormatNotBuilt { format: &'static str },

    /// A recorded procedure that cannot be decided as it stands; `code`
    /// says what kind of problem it is (see `procedure::problem_code`).
    #[error("{message}")]
    Procedure { code: &'static str, message: String },

    #[error("{0}")]
    Invalid(String),
}

impl Error {
    /// A hint on what to do, for the CLI's `= help:` line.
    /// The closest passage or heading the plan has to one not found.
    pub fn nearest_text(&self) -> Option<String> {
        match self {
            Error::QuoteNotFound {
                nearest: Some(n), ..
            }
            | Error::HeadingNotFound {
                nearest: Some(n), ..
            } => Some(n.text.clone()),
            _ => None,
        }
    }

    pub fn help(&self) -> Option<String> {
        Some(match self {
            Error::QuoteNotFound { nearest: Some(n), .. } => {
                format!("the plan has: ”{}”", crate::text::excerpt(&n.text, 160))
            }
            Error::QuoteNotFound { nearest: None, .. } => {
                "check the spelling; white space, line breaks, hyphenation and quote style do not matter".into()
            }
            Error::QuoteAmbiguous { .. } | Error::HeadingAmbiguous { .. } => {
                "add \"occurrence\": N (counted from 1 in document order), or narrow with \"section\" or \"page\"".into()
            }
            Error::Conflict { .. } => "pass --prefer WINNER:LOSER to let one amendment win".into(),
            Error::FormatVersion { .. } => "open the file with the version of amend that wrote it".into(),
            Error::UnknownAmendment { .. } => "amendment ids are listed by `amend check CASE`".into(),
            Error::NotText { .. } => "save the plan as UTF-8 text or Markdown".into(),
            Error::NoSuchBlock { .. } | Error::PlanEdit { .. } => "the blocks and their numbers are listed by `amend plan CASE`".into(),
            _ => return None,
        })
    }

    /// A stable machine-readable code for the error's kind.
    pub fn code(&self) -> &'static str {
        match self {
            Error::EmptyPlan => "empty_plan",
            Error::PlanTooLarge { .. } => "plan_too_large",
            Error::BlockTooLong { .. } => "block_too_long",
            Error::NotText { .. } => "not_text",
            Error::QuoteNotFound { .. } => "quote_not_found",
            Error::QuoteAmbiguous { .. } => "quote_ambiguous",
            Error::NoSuchOccurrence { .. } => "no_such_occurrence",
            Error::HeadingNotFound { .. } => "heading_not_found",
            Error::HeadingAmbiguous { .. } => "heading_ambiguous",
            Error::NotInSection { .. } => "not_in_section",
            Error::MissingField { .. } => "missing_field",
            Error::EmptyText { .. } => "empty_text",
            Error::BadOperation { .. } => "bad_operation",
            Error::NoOperations { .. } => "no_operations",
            Error::UnknownAmendment { .. } => "unknown_amendment",
            Error::UnknownMember { .. } => "unknown_member",
            Error::DuplicateId { .. } => "duplicate_id",
            Error::NoSuchBlock { .. } => "no_such_block",
            Error::PlanEdit { .. } => "plan_edit",
            Error::Conflict { .. } => "conflict",
            Error::Json { .. } => "json",
            Error::FormatVersion { .. } => "format_version",
            Error::NotACase => "not_a_case",
            Error::ReservedId { .. } => "reserved_id",
            Error::FormatNotBuilt { .. } => "format_not_built",
            Error::Procedure { code, .. } => code,
            Error::Invalid(_) => "invalid",
        }
    }
}
