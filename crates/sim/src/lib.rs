//! The ECS/VPC simulator.
