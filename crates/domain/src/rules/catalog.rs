//! Facts about instance types and images that the rules need (reference §6, §7.1).

use super::reason::Reason;
use crate::ids::InstanceType;
use crate::model::{Image, Instance, InstanceStatus, InstanceTypeInfo};

/// Types that must be Stopped to attach or detach an ENI (no hot-plug), from the t5/t6 notes.
pub const STOPPED_ONLY_TYPES: &[&str] = &[
    "ecs.t5-lc2m1.nano",
    "ecs.t5-c1m1.large",
    "ecs.t5-c1m2.large",
    "ecs.t5-c1m4.large",
    "ecs.t5-lc1m1.small",
    "ecs.t5-lc1m2.large",
    "ecs.t5-lc1m2.small",
    "ecs.t5-lc1m4.large",
    "ecs.t6-c1m1.large",
    "ecs.t6-c1m2.large",
    "ecs.t6-c1m4.large",
    "ecs.t6-c2m1.large",
    "ecs.t6-c4m1.large",
];

/// Generation-I families: not I/O optimized, no ENI support.
pub const GENERATION_ONE_FAMILIES: &[&str] = &[
    "ecs.t1", "ecs.s1", "ecs.s2", "ecs.s3", "ecs.m1", "ecs.m2", "ecs.c1", "ecs.c2",
];

/// Whether attach/detach needs the instance Stopped for this type.
pub fn needs_stopped_for_hotplug(instance_type: &InstanceType) -> bool {
    STOPPED_ONLY_TYPES.contains(&instance_type.as_str())
}

/// Why `instance` cannot have an ENI attached or detached now, for its state alone: it must be
/// Running or Stopped, and Stopped for types without hot-plug.
pub fn hotplug_state_reasons(instance: &Instance) -> Vec<Reason> {
    let mut out = Vec::new();
    match instance.status {
        InstanceStatus::Running | InstanceStatus::Stopped => {}
        actual => out.push(Reason::InstanceState { actual }),
    }
    if instance.status == InstanceStatus::Running
        && needs_stopped_for_hotplug(&instance.instance_type)
    {
        out.push(Reason::NeedsStopped {
            instance_type: instance.instance_type.to_string(),
        });
    }
    out
}

/// Whether instances of this type are I/O optimized.
pub fn is_io_optimized_type(instance_type: &InstanceType) -> bool {
    !GENERATION_ONE_FAMILIES.contains(&instance_type.family().as_str())
}

/// Whether this type can carry ENIs at all (I/O optimized and a non-zero ENI quota).
pub fn supports_eni(info: &InstanceTypeInfo) -> bool {
    is_io_optimized_type(&info.instance_type_id) && info.eni_quantity > 0
}

/// The images whose OS recognises an ENI with no manual configuration (the seed document).
pub const ENI_READY_IMAGES: &[&str] = &[
    "CentOS 7.3 64 bit",
    "CentOS 6.8 64 bit",
    "Windows Server 2016 Datacenter 64 bit",
    "Windows Server 2012 R2 Datacenter 64 bit",
];

/// Whether the image recognises ENIs out of the box; otherwise the user must configure the ENI
/// inside the OS after creation.
pub fn image_recognises_eni(image: &Image) -> bool {
    let normalise = |s: &str| {
        s.to_ascii_lowercase()
            .replace("-bit", " bit")
            .replace("  ", " ")
    };
    let name = normalise(&image.os_name_en);
    ENI_READY_IMAGES
        .iter()
        .any(|ready| normalise(ready) == name)
}
