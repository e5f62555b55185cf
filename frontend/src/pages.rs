//! The pages, one folder per feature, and the shell around them.

pub mod enis;
pub mod instances;
pub mod shell;
pub mod wizard;
