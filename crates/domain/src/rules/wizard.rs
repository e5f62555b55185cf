//! The creation wizard's rules: type, image, network, and at most one primary plus one
//! secondary ENI in the instance's vSwitch.

use super::catalog::{image_recognises_eni, supports_eni};
use super::reason::Reason;
use crate::ids::ZoneId;
use crate::model::{
    EniStatus, EniType, Image, InstanceTypeInfo, NetworkInterface, SecurityGroup, VSwitch,
};

/// One ENI chosen in the wizard.
#[derive(Debug, Clone, Copy)]
pub struct WizardEni<'a> {
    /// Primary or secondary.
    pub eni_type: EniType,
    /// The vSwitch the new ENI goes in (the existing ENI's, when `existing` is set).
    pub v_switch: &'a VSwitch,
    /// An existing ENI to attach instead of creating one.
    pub existing: Option<&'a NetworkInterface>,
}

/// The wizard's choices so far; `None` means not chosen yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct WizardChoice<'a> {
    /// The zone.
    pub zone: Option<&'a ZoneId>,
    /// The instance type.
    pub instance_type: Option<&'a InstanceTypeInfo>,
    /// The image.
    pub image: Option<&'a Image>,
    /// The instance's vSwitch.
    pub v_switch: Option<&'a VSwitch>,
    /// The security group.
    pub security_group: Option<&'a SecurityGroup>,
    /// ENIs, primary first.
    pub enis: &'a [WizardEni<'a>],
}

/// Every problem with the wizard's choices, each with the field it belongs to
/// (`InstanceType`, `ImageId`, `VSwitchId`, `SecurityGroupId`, `NetworkInterface`). Warnings
/// ([`Reason::is_warning`]) do not block creation.
pub fn check_wizard(choice: &WizardChoice<'_>) -> Vec<(&'static str, Reason)> {
    let mut out = Vec::new();
    if let Some(t) = choice.instance_type {
        if !supports_eni(t) {
            out.push((
                "InstanceType",
                Reason::EniNotSupported {
                    instance_type: t.instance_type_id.to_string(),
                },
            ));
        } else if choice.enis.len() as u32 > t.eni_quantity {
            out.push((
                "NetworkInterface",
                Reason::QuotaReached {
                    used: choice.enis.len() as u32,
                    quota: t.eni_quantity,
                },
            ));
        }
    }
    if choice
        .image
        .is_some_and(|image| !image_recognises_eni(image))
    {
        out.push(("ImageId", Reason::ImageNeedsEniConfig));
    }
    match choice.v_switch {
        None => out.push(("VSwitchId", Reason::NoNetwork)),
        Some(vsw) => {
            if choice.zone.is_some_and(|z| *z != vsw.zone_id) {
                out.push(("VSwitchId", Reason::VSwitchZoneMismatch));
            }
            if choice
                .security_group
                .is_some_and(|sg| sg.vpc_id != vsw.vpc_id)
            {
                out.push(("SecurityGroupId", Reason::SecurityGroupVpcMismatch));
            }
            // "Same vSwitch" is the console wizard's rule (the seed document); the API accepts a
            // secondary ENI in another vSwitch of the instance's zone and VPC, and the
            // simulator's RunInstances drops this reason.
            for eni in choice.enis {
                if eni.v_switch.v_switch_id != vsw.v_switch_id {
                    out.push(("NetworkInterface", Reason::EniVSwitchMismatch));
                }
            }
        }
    }
    let count = |t: EniType| choice.enis.iter().filter(|e| e.eni_type == t).count();
    if choice.enis.len() > 2 || count(EniType::Primary) > 1 || count(EniType::Secondary) > 1 {
        out.push(("NetworkInterface", Reason::TooManyEnis));
    }
    for existing in choice.enis.iter().filter_map(|e| e.existing) {
        if existing.status != EniStatus::Available {
            out.push((
                "NetworkInterface",
                Reason::EniState {
                    expected: EniStatus::Available,
                    actual: existing.status,
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::*;

    fn vswitch(id: &str, zone_id: &str) -> VSwitch {
        VSwitch {
            v_switch_id: id.parse().unwrap(),
            vpc_id: vpc_a(),
            zone_id: zone(zone_id),
            cidr_block: "192.168.1.0/24".into(),
            ipv6_cidr_block: String::new(),
            available_ip_address_count: 250,
            status: "Available".into(),
            v_switch_name: "a".into(),
            creation_time: String::new(),
            is_default: false,
        }
    }

    fn image(os: &str) -> Image {
        Image {
            image_id: "centos_7_03_64_20G_alibase_20170818.vhd".parse().unwrap(),
            image_name: os.into(),
            os_name: String::new(),
            os_name_en: os.into(),
            os_type: "linux".into(),
            platform: String::new(),
            architecture: "x86_64".into(),
            status: "Available".into(),
            image_owner_alias: "system".into(),
            is_support_io_optimized: true,
        }
    }

    fn sg() -> SecurityGroup {
        SecurityGroup {
            security_group_id: "sg-bp1aaaaaaaaaaaaaaa01".parse().unwrap(),
            security_group_name: "web".into(),
            description: String::new(),
            vpc_id: vpc_a(),
            security_group_type: "normal".into(),
            creation_time: String::new(),
        }
    }

    fn codes(out: &[(&str, Reason)]) -> Vec<(&'static str, &'static str)> {
        out.iter()
            .map(|(f, r)| (*f, r.code()))
            .collect::<Vec<_>>()
            .into_iter()
            .map(|(f, c)| (leak(f), c))
            .collect()
    }
    fn leak(s: &str) -> &'static str {
        Box::leak(s.to_owned().into_boxed_str())
    }

    #[test]
    fn primary_plus_secondary_in_the_instance_vswitch_is_valid() {
        let (vsw, t, img, group, z) = (
            vswitch("vsw-bp1aaaa01", "cn-hangzhou-g"),
            g6_large(),
            image("CentOS 7.3 64 bit"),
            sg(),
            zone("cn-hangzhou-g"),
        );
        let enis = [
            WizardEni {
                eni_type: EniType::Primary,
                v_switch: &vsw,
                existing: None,
            },
            WizardEni {
                eni_type: EniType::Secondary,
                v_switch: &vsw,
                existing: None,
            },
        ];
        let choice = WizardChoice {
            zone: Some(&z),
            instance_type: Some(&t),
            image: Some(&img),
            v_switch: Some(&vsw),
            security_group: Some(&group),
            enis: &enis,
        };
        assert!(check_wizard(&choice).is_empty());
    }

    #[test]
    fn wizard_refuses_a_third_eni_and_a_second_secondary() {
        let vsw = vswitch("vsw-bp1aaaa01", "cn-hangzhou-g");
        let t = InstanceTypeInfo {
            eni_quantity: 4,
            ..g6_large()
        };
        let enis = [
            WizardEni {
                eni_type: EniType::Primary,
                v_switch: &vsw,
                existing: None,
            },
            WizardEni {
                eni_type: EniType::Secondary,
                v_switch: &vsw,
                existing: None,
            },
            WizardEni {
                eni_type: EniType::Secondary,
                v_switch: &vsw,
                existing: None,
            },
        ];
        let choice = WizardChoice {
            instance_type: Some(&t),
            v_switch: Some(&vsw),
            enis: &enis,
            ..Default::default()
        };
        assert_eq!(
            codes(&check_wizard(&choice)),
            [("NetworkInterface", "too_many_enis")]
        );
    }

    #[test]
    fn wizard_refuses_type_without_eni_support_and_warns_for_unknown_image() {
        let vsw = vswitch("vsw-bp1aaaa01", "cn-hangzhou-g");
        let t1 = InstanceTypeInfo {
            instance_type_id: itype("ecs.t1.small"),
            eni_quantity: 0,
            ..g6_large()
        };
        let img = image("Ubuntu 22.04 64 bit");
        let choice = WizardChoice {
            instance_type: Some(&t1),
            image: Some(&img),
            v_switch: Some(&vsw),
            ..Default::default()
        };
        let out = check_wizard(&choice);
        assert_eq!(
            codes(&out),
            [
                ("InstanceType", "eni_not_supported"),
                ("ImageId", "image_needs_eni_config")
            ]
        );
        assert!(!out[0].1.is_warning() && out[1].1.is_warning());
    }

    #[test]
    fn the_four_named_images_recognise_enis() {
        for os in [
            "CentOS 7.3 64 bit",
            "CentOS 6.8 64 bit",
            "Windows Server 2016 Datacenter 64 bit",
            "Windows Server 2012 R2 Datacenter 64 bit",
        ] {
            assert!(image_recognises_eni(&image(os)), "{os}");
        }
        assert!(!image_recognises_eni(&image("CentOS 7.9 64 bit")));
    }

    #[test]
    fn wizard_refuses_eni_in_another_vswitch_vswitch_in_other_zone_and_busy_existing_eni() {
        let vsw = vswitch("vsw-bp1aaaa01", "cn-hangzhou-g");
        let other = vswitch("vsw-bp1bbbb02", "cn-hangzhou-g");
        let mut busy = eni();
        busy.status = EniStatus::InUse;
        let z = zone("cn-hangzhou-h");
        let enis = [
            WizardEni {
                eni_type: EniType::Primary,
                v_switch: &vsw,
                existing: None,
            },
            WizardEni {
                eni_type: EniType::Secondary,
                v_switch: &other,
                existing: Some(&busy),
            },
        ];
        let choice = WizardChoice {
            zone: Some(&z),
            v_switch: Some(&vsw),
            enis: &enis,
            ..Default::default()
        };
        assert_eq!(
            codes(&check_wizard(&choice)),
            [
                ("VSwitchId", "vswitch_zone_mismatch"),
                ("NetworkInterface", "eni_vswitch_mismatch"),
                ("NetworkInterface", "eni_state")
            ]
        );
    }

    #[test]
    fn wizard_needs_a_network_and_a_security_group_of_the_same_vpc() {
        assert_eq!(
            codes(&check_wizard(&WizardChoice::default())),
            [("VSwitchId", "no_network")]
        );
        let vsw = vswitch("vsw-bp1aaaa01", "cn-hangzhou-g");
        let mut group = sg();
        group.vpc_id = vpc_b();
        let choice = WizardChoice {
            v_switch: Some(&vsw),
            security_group: Some(&group),
            ..Default::default()
        };
        assert_eq!(
            codes(&check_wizard(&choice)),
            [("SecurityGroupId", "security_group_vpc_mismatch")]
        );
    }

    #[test]
    fn wizard_respects_a_one_eni_type_quota() {
        let vsw = vswitch("vsw-bp1aaaa01", "cn-hangzhou-g");
        let t = InstanceTypeInfo {
            eni_quantity: 1,
            ..g6_large()
        };
        let enis = [
            WizardEni {
                eni_type: EniType::Primary,
                v_switch: &vsw,
                existing: None,
            },
            WizardEni {
                eni_type: EniType::Secondary,
                v_switch: &vsw,
                existing: None,
            },
        ];
        let choice = WizardChoice {
            instance_type: Some(&t),
            v_switch: Some(&vsw),
            enis: &enis,
            ..Default::default()
        };
        assert_eq!(
            codes(&check_wizard(&choice)),
            [("NetworkInterface", "quota_reached")]
        );
    }
}
