//! Tether's shared domain: the API types of every action Tether calls, identifier newtypes,
//! field rules and the ENI rules. The app, the proxy and the simulator all decide through this
//! crate, so the three cannot disagree. No I/O; compiles for wasm32 and native.

#![warn(missing_docs)]

#[macro_use]
mod model;

pub mod actions;
pub mod api;
pub mod error;
pub mod essentials;
pub mod fields;
pub mod ids;
pub mod lang;
pub mod lenient;
pub mod params;
pub mod rules;

pub use actions::*;
pub use error::{ErrorEnvelope, ErrorSpec};
pub use fields::{FieldError, FieldProblem};
pub use ids::*;
pub use lang::Lang;
pub use model::*;
pub use params::{ParamError, Params};
