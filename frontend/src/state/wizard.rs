//! The create-instance wizard's form: choices kept across steps, the rules' verdict through
//! `check_wizard`, and the RunInstances request it becomes.

use tether_domain::rules::{Reason, WizardChoice, WizardEni, check_wizard};
use tether_domain::*;

/// Everything the wizard offers, as the Describe calls returned it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    /// DescribeZones.
    pub zones: Vec<Zone>,
    /// DescribeInstanceTypes.
    pub types: Vec<InstanceTypeInfo>,
    /// DescribeImages.
    pub images: Vec<Image>,
    /// DescribeVpcs.
    pub vpcs: Vec<Vpc>,
    /// DescribeVSwitches.
    pub v_switches: Vec<VSwitch>,
    /// DescribeSecurityGroups.
    pub security_groups: Vec<SecurityGroup>,
    /// DescribeNetworkInterfaces (for reusing an Available ENI).
    pub enis: Vec<NetworkInterface>,
}

/// The optional secondary ENI.
#[derive(Debug, Clone, PartialEq)]
pub enum SecondaryEni {
    /// Created with the instance.
    New {
        /// Released with the instance.
        delete_on_release: bool,
    },
    /// An existing Available ENI (its ID).
    Existing(String),
}

/// The wizard's steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Step {
    /// Region, zone, type, image.
    #[default]
    Basic,
    /// VPC, vSwitch, security group, ENIs.
    Network,
    /// Every choice and the call.
    Review,
}

/// The user's choices (IDs as the `<select>`s give them).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WizardForm {
    /// Zone ID.
    pub zone: Option<String>,
    /// Instance type ID.
    pub instance_type: Option<String>,
    /// Image ID.
    pub image: Option<String>,
    /// VPC ID.
    pub vpc: Option<String>,
    /// vSwitch ID.
    pub v_switch: Option<String>,
    /// Security group ID.
    pub security_group: Option<String>,
    /// Instance name.
    pub name: String,
    /// The secondary ENI.
    pub secondary: Option<SecondaryEni>,
}

fn find<'a, T>(items: &'a [T], id: &Option<String>, key: impl Fn(&T) -> &str) -> Option<&'a T> {
    let id = id.as_deref()?;
    items.iter().find(|x| key(x) == id)
}

impl WizardForm {
    /// Picks a zone; a vSwitch of another zone no longer fits and is cleared.
    pub fn set_zone(&mut self, zone: Option<String>, cat: &Catalog) {
        self.zone = zone;
        if self
            .v_switch(cat)
            .is_some_and(|v| Some(v.zone_id.as_str()) != self.zone.as_deref())
        {
            self.v_switch = None;
            self.secondary = None;
        }
    }

    /// Picks a VPC; its dependents (vSwitch, group, secondary ENI) are cleared.
    pub fn set_vpc(&mut self, vpc: Option<String>) {
        if vpc != self.vpc {
            self.vpc = vpc;
            self.v_switch = None;
            self.security_group = None;
            self.secondary = None;
        }
    }

    /// Picks a vSwitch; an existing secondary ENI from another vSwitch is dropped.
    pub fn set_v_switch(&mut self, v_switch: Option<String>) {
        if v_switch != self.v_switch {
            self.v_switch = v_switch;
            if matches!(self.secondary, Some(SecondaryEni::Existing(_))) {
                self.secondary = None;
            }
        }
    }

    /// The chosen type.
    pub fn instance_type<'a>(&self, cat: &'a Catalog) -> Option<&'a InstanceTypeInfo> {
        find(&cat.types, &self.instance_type, |t| {
            t.instance_type_id.as_str()
        })
    }
    /// The chosen image.
    pub fn image<'a>(&self, cat: &'a Catalog) -> Option<&'a Image> {
        find(&cat.images, &self.image, |i| i.image_id.as_str())
    }
    /// The chosen vSwitch.
    pub fn v_switch<'a>(&self, cat: &'a Catalog) -> Option<&'a VSwitch> {
        find(&cat.v_switches, &self.v_switch, |v| v.v_switch_id.as_str())
    }
    /// The chosen security group.
    pub fn security_group<'a>(&self, cat: &'a Catalog) -> Option<&'a SecurityGroup> {
        find(&cat.security_groups, &self.security_group, |g| {
            g.security_group_id.as_str()
        })
    }
    /// The existing ENI chosen as secondary.
    pub fn existing_eni<'a>(&self, cat: &'a Catalog) -> Option<&'a NetworkInterface> {
        match &self.secondary {
            Some(SecondaryEni::Existing(id)) => cat
                .enis
                .iter()
                .find(|e| e.network_interface_id.as_str() == id),
            _ => None,
        }
    }

    /// Runs `check_wizard` on the choices, with `extra` more new secondary ENIs (to ask the
    /// rules whether Add ENI is allowed).
    fn check(&self, cat: &Catalog, extra: usize) -> Vec<(&'static str, Reason)> {
        let zone: Option<ZoneId> = self.zone.as_deref().and_then(|z| z.parse().ok());
        let vsw = self.v_switch(cat);
        let existing = self.existing_eni(cat);
        let existing_vsw = existing.and_then(|e| {
            cat.v_switches
                .iter()
                .find(|v| v.v_switch_id == e.v_switch_id)
        });
        let mut enis = Vec::new();
        if let Some(vsw) = vsw {
            enis.push(WizardEni {
                eni_type: EniType::Primary,
                v_switch: vsw,
                existing: None,
            });
            match &self.secondary {
                Some(SecondaryEni::New { .. }) => enis.push(WizardEni {
                    eni_type: EniType::Secondary,
                    v_switch: vsw,
                    existing: None,
                }),
                Some(SecondaryEni::Existing(_)) => {
                    if let Some(v) = existing_vsw {
                        enis.push(WizardEni {
                            eni_type: EniType::Secondary,
                            v_switch: v,
                            existing,
                        });
                    }
                }
                None => {}
            }
            for _ in 0..extra {
                enis.push(WizardEni {
                    eni_type: EniType::Secondary,
                    v_switch: vsw,
                    existing: None,
                });
            }
        }
        check_wizard(&WizardChoice {
            zone: zone.as_ref(),
            instance_type: self.instance_type(cat),
            image: self.image(cat),
            v_switch: vsw,
            security_group: self.security_group(cat),
            enis: &enis,
        })
    }

    /// Every problem and warning with the current choices.
    pub fn verdict(&self, cat: &Catalog) -> Vec<(&'static str, Reason)> {
        self.check(cat, 0)
    }

    /// Why Add ENI is not possible now, if it is not.
    pub fn add_eni_block(&self, cat: &Catalog) -> Option<Reason> {
        if self.v_switch(cat).is_none() {
            return Some(Reason::NoNetwork);
        }
        let reasons: Vec<Reason> = self
            .check(cat, 1)
            .into_iter()
            .filter(|(field, r)| *field == "NetworkInterface" && !r.is_warning())
            .map(|(_, r)| r)
            .collect();
        // The console's two-ENI limit explains the block better than the type's quota.
        reasons
            .iter()
            .find(|r| **r == Reason::TooManyEnis)
            .or(reasons.first())
            .cloned()
    }

    /// Whether the step's choices are complete and free of blocking problems.
    pub fn step_ready(&self, step: Step, cat: &Catalog) -> bool {
        let blocking = |fields: &[&str]| {
            self.verdict(cat)
                .iter()
                .any(|(f, r)| fields.contains(f) && !r.is_warning())
        };
        match step {
            Step::Basic => {
                self.zone.is_some()
                    && self.instance_type(cat).is_some()
                    && self.image(cat).is_some()
                    && !blocking(&["InstanceType"])
            }
            Step::Network => {
                self.step_ready(Step::Basic, cat)
                    && self.security_group(cat).is_some()
                    && !blocking(&[
                        "InstanceType",
                        "VSwitchId",
                        "SecurityGroupId",
                        "NetworkInterface",
                    ])
            }
            Step::Review => self.step_ready(Step::Network, cat),
        }
    }

    /// The RunInstances request, once the form is complete.
    pub fn to_request(
        &self,
        region: &RegionId,
        client_token: Option<String>,
    ) -> Option<RunInstances> {
        let vsw: VSwitchId = self.v_switch.as_deref()?.parse().ok()?;
        let sg: SecurityGroupId = self.security_group.as_deref()?.parse().ok()?;
        let mut nics = vec![RunNetworkInterface {
            instance_type: EniType::Primary,
            v_switch_id: Some(vsw.clone()),
            security_group_id: Some(sg.clone()),
            ..Default::default()
        }];
        match &self.secondary {
            Some(SecondaryEni::New { delete_on_release }) => nics.push(RunNetworkInterface {
                instance_type: EniType::Secondary,
                v_switch_id: Some(vsw),
                security_group_id: Some(sg),
                delete_on_release: Some(*delete_on_release),
                ..Default::default()
            }),
            // An ENI made on its own is kept when the instance is released. Said explicitly:
            // the API's default for a secondary ENI is to go with the instance, and the portal
            // refuses that default for a protected ENI.
            Some(SecondaryEni::Existing(id)) => nics.push(RunNetworkInterface {
                instance_type: EniType::Secondary,
                network_interface_id: Some(id.parse().ok()?),
                delete_on_release: Some(false),
                ..Default::default()
            }),
            None => {}
        }
        let name = self.name.trim();
        Some(RunInstances {
            region_id: region.clone(),
            zone_id: self.zone.as_deref().and_then(|z| z.parse().ok()),
            image_id: self.image.as_deref()?.parse().ok()?,
            instance_type: self.instance_type.as_deref()?.parse().ok()?,
            security_group_id: None,
            v_switch_id: None,
            instance_name: (!name.is_empty()).then(|| name.to_owned()),
            amount: Some(1),
            client_token,
            dry_run: None,
            io_optimized: Some("optimized".into()),
            network_interface: nics,
            tag: Vec::new(),
        })
    }
}

/// Why `info` cannot be picked in the wizard, if it cannot (from `check_wizard`).
pub fn type_block(info: &InstanceTypeInfo) -> Option<Reason> {
    check_wizard(&WizardChoice {
        instance_type: Some(info),
        ..Default::default()
    })
    .into_iter()
    .find(|(field, _)| *field == "InstanceType")
    .map(|(_, r)| r)
}

/// A type's memory as the console shows it (`0.5 GiB`, `8 GiB`), to two decimals at most.
/// Integer arithmetic: Rust's float formatting would add ~9 KB to the wizard's wasm.
pub fn memory_label(gib: f64) -> String {
    let hundredths = (gib * 100.0).round() as u64;
    let (whole, frac) = (hundredths / 100, hundredths % 100);
    match frac {
        0 => format!("{whole} GiB"),
        f if f % 10 == 0 => format!("{whole}.{} GiB", f / 10),
        f => format!("{whole}.{f:02} GiB"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixtures::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn memory_reads_like_the_catalogue() {
        assert_eq!(memory_label(8.0), "8 GiB");
        assert_eq!(memory_label(0.5), "0.5 GiB");
        assert_eq!(memory_label(1.25), "1.25 GiB");
        assert_eq!(memory_label(0.05), "0.05 GiB");
        assert_eq!(memory_label(192.0), "192 GiB");
    }

    pub fn catalog() -> Catalog {
        Catalog {
            zones: Vec::new(),
            types: types(),
            images: images(),
            vpcs: Vec::new(),
            v_switches: vswitches(),
            security_groups: security_groups(),
            enis: vec![eni("eni-bp1free0001")],
        }
    }

    fn complete() -> WizardForm {
        WizardForm {
            zone: Some("cn-hangzhou-g".into()),
            instance_type: Some("ecs.g6.large".into()),
            image: Some("centos_7_03_64_20G_alibase_20170818.vhd".into()),
            vpc: Some(VPC_A.into()),
            v_switch: Some(VSW_G.into()),
            security_group: Some("sg-bp1aaaa0001".into()),
            name: String::new(),
            secondary: None,
        }
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn add_eni_is_allowed_once_then_refused_with_the_two_eni_limit() {
        let cat = catalog();
        let mut f = complete();
        assert_eq!(f.add_eni_block(&cat), None);
        f.secondary = Some(SecondaryEni::New {
            delete_on_release: true,
        });
        assert_eq!(f.add_eni_block(&cat), Some(Reason::TooManyEnis));
        assert!(f.step_ready(Step::Review, &cat));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn types_without_eni_support_are_blocked_with_the_reason() {
        let block = type_block(&itype("ecs.t1.small", 0)).unwrap();
        assert_eq!(block.code(), "eni_not_supported");
        assert_eq!(type_block(&itype("ecs.g6.large", 2)), None);
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn changing_the_vpc_clears_the_network_choices() {
        let mut f = complete();
        f.secondary = Some(SecondaryEni::Existing("eni-bp1free0001".into()));
        f.set_vpc(Some(VPC_B.into()));
        assert_eq!(
            (f.v_switch, f.security_group, f.secondary),
            (None, None, None)
        );
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn request_has_primary_and_secondary_enis_in_the_instance_vswitch() {
        let mut f = complete();
        f.secondary = Some(SecondaryEni::New {
            delete_on_release: false,
        });
        let req = f
            .to_request(&"cn-hangzhou".parse().unwrap(), Some("tok".into()))
            .unwrap();
        let p = req.to_params();
        assert_eq!(p["NetworkInterface.1.InstanceType"], "Primary");
        assert_eq!(p["NetworkInterface.2.InstanceType"], "Secondary");
        assert_eq!(p["NetworkInterface.2.VSwitchId"], VSW_G);
        assert_eq!(p["NetworkInterface.2.DeleteOnRelease"], "false");
        assert_eq!(p["ClientToken"], "tok");
        assert!(req.check_fields().is_empty());
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_existing_eni_is_kept_when_the_instance_is_released() {
        let mut f = complete();
        f.secondary = Some(SecondaryEni::Existing("eni-bp1free0001".into()));
        let req = f.to_request(&"cn-hangzhou".parse().unwrap(), None).unwrap();
        let p = req.to_params();
        assert_eq!(
            p["NetworkInterface.2.NetworkInterfaceId"],
            "eni-bp1free0001"
        );
        assert_eq!(p["NetworkInterface.2.DeleteOnRelease"], "false");
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn an_existing_eni_from_another_vswitch_is_refused() {
        let mut cat = catalog();
        let mut other = eni("eni-bp1other001");
        other.v_switch_id = VSW_H.parse().unwrap();
        cat.enis.push(other);
        let mut f = complete();
        f.secondary = Some(SecondaryEni::Existing("eni-bp1other001".into()));
        let codes: Vec<_> = f.verdict(&cat).iter().map(|(_, r)| r.code()).collect();
        assert!(codes.contains(&"eni_vswitch_mismatch"));
        assert!(!f.step_ready(Step::Network, &cat));
    }
}
