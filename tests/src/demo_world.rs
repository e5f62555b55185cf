//! The demo world's resources the journeys name (crates/sim/src/seed): VPC A, zone g, and what
//! lives there. One place, so a change to the seed is one change here.

/// VPC A.
pub const VPC_A: &str = "vpc-bp12im7la2k4hgpmwvtp";
/// VPC A's vSwitch in zone g.
pub const VSW_A_G: &str = "vsw-bp1ug3yabs2uyk3hdg31";
/// VPC A's web security group.
pub const SG_A_WEB: &str = "sg-bp1z3geajvjslcyr9tya";
/// web-01: running in VPC A, zone g, able to take an ENI.
pub const WEB_01: &str = "i-bp1ddo8am4lsmcdrzicc";
/// `spare-g-1`: an available secondary ENI in VPC A, zone g.
pub const ENI_A_G: &str = "eni-bp1xlpsfz1q7pd4okoob";
/// The CentOS 7.3 image the wizard journeys pick.
pub const CENTOS_73: &str = "centos_7_03_64_20G_alibase_20170818.vhd";
