//! The meeting's decision: [`procedure`] (propositions, votes, what falls and
//! what is adopted), [`minutes`] (the minutes' sections in the phrasing
//! Swedish minutes use) and [`wording`] (an amendment's operations worded as
//! the minutes word them), [`style`] (the house style of the minutes) and
//! [`members`] (a pasted list of members).
//!
//! Depends on [`crate::amend`] and [`crate::plan`], and reads the case
//! ([`crate::case`]), which in turn keeps the recorded procedure.

pub mod members;
pub mod minutes;
pub mod procedure;
pub mod style;
pub mod wording;
