//! The meeting's procedure (filled in with propositions and votes).

use serde::{Deserialize, Serialize};

/// How the meeting decided the case.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Procedure {}

impl Procedure {
    /// Nothing recorded yet.
    pub fn is_empty(&self) -> bool {
        true
    }
}
