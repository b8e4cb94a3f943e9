//! Writing the plan as a .docx file, clean or with tracked changes as real
//! Word revisions.
