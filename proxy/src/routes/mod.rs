//! The proxy's routes, one module per concern.

pub mod api;
pub mod assets;
pub mod audit;
pub mod demo;
pub mod health;
pub mod session;
