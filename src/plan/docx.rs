//! Reading a .docx file into plan text (see [`crate::plan`]).
