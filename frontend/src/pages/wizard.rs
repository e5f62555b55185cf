//! The create-instance wizard: basic configuration, networking (with Add ENI), review.

pub mod basic_step;
pub mod data;
pub mod later;
pub mod network_step;
pub mod page;
pub mod review_step;
