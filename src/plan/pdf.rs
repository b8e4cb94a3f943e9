//! Reading a PDF into plan text (see [`crate::plan`]).
