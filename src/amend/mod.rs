//! Amendments and what they do to the plan: [`amendment`] (what is
//! proposed: operations that quote the plan), [`locate`] (finding each quoted
//! passage and heading), [`conflict`] (which proposals touch the same words,
//! which are identical), [`apply`] (an adopted set as tracked changes) and
//! [`selection`] (the quote for a selection in the app) and [`reading`]
//! (operations read from a proposal's Swedish wording).
//!
//! Depends on [`crate::plan`] and [`crate::diff`] only.

pub mod amendment;
pub mod apply;
pub mod conflict;
pub mod locate;
pub(crate) mod nearest;
pub mod reading;
pub mod selection;
