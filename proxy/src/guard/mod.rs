//! The deployment's guardrails on a validated request, before anything is signed: the region
//! allowlist and delete protection. They fail closed: a check that cannot be made refuses.

pub mod host;
pub mod instance;
pub mod protection;
pub mod region;
