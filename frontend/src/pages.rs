//! The pages, one folder per feature, and the shell around them.

pub mod audit;
pub mod chunks;
pub mod eni_detail;
pub mod enis;
pub mod instances;
pub mod login;
pub mod shell;
pub mod wizard;
