//! One region's wizard: its catalogue (what the first step offers, and the network half the
//! later steps' chunk loads), its form, and the create and follow actions.
//!
//! A wizard is made anew for each region, in a `Memo` keyed on the URL's region (`use_wizard`):
//! everything chosen belonged to the old region (only the name stays), and the next create is a
//! new request with its own ClientToken. The old wizard is disposed with its resources and
//! actions, so an answer still on its way for it has nowhere to land.

use crate::api::{self, client_token};
use crate::i18n::{T, lang};
use crate::mutation::on_success;
use crate::pages::chunks::{self, ChunkError, split_call};
use crate::state::wizard::{Catalog, Step, WizardForm};
use leptos::prelude::*;
// Leptos's action, not the domain's trait of the same name.
use leptos::prelude::Action;
use tether_domain::api::ApiError;
use tether_domain::*;

type BasicPart = (Vec<Zone>, Vec<InstanceTypeInfo>, Vec<Image>);

/// The network half of the catalogue: VPCs, vSwitches, security groups, free ENIs.
pub type NetworkPart = (
    Vec<Vpc>,
    Vec<VSwitch>,
    Vec<SecurityGroup>,
    Vec<NetworkInterface>,
);

/// What looking at an instance found (`None`: not listed yet).
pub type Look = Result<Option<Instance>, ApiError>;

/// What the later steps share with the page; cheap to copy into closures.
#[derive(Clone, Copy)]
pub struct Wizard {
    pub region: StoredValue<RegionId>,
    pub form: RwSignal<WizardForm>,
    pub step: RwSignal<Step>,
    pub cat: Memo<Catalog>,
    pub request: Memo<Option<RunInstances>>,
    basic: LocalResource<Result<BasicPart, ApiError>>,
    /// The network half: `None` until a later step is near (the first step does not need it).
    pub network: LocalResource<Option<Result<NetworkPart, ApiError>>>,
    want_network: RwSignal<bool>,
    /// RunInstances, then a first look at the instance.
    pub create: Action<RunInstances, Look>,
    follow: Action<InstanceId, Look>,
    /// The instance this wizard created, as last seen.
    pub created: RwSignal<Option<Instance>>,
}

/// The wizard of the region `region` names, replaced when it changes; `name` carries the
/// instance name typed so far from one to the next.
pub fn use_wizard(region: impl Into<Signal<RegionId>>) -> Memo<Wizard> {
    let region = region.into();
    let name = StoredValue::new(String::new());
    // Every new wizard differs from the last (the region only changes when it does).
    Memo::new_with_compare(move |_| Wizard::new(region.get(), name), |_, _| true)
}

/// The later steps' chunk did not arrive: said where the page's other errors are.
pub fn chunk_failed(ChunkError: ChunkError) -> ApiError {
    ApiError::new(0, api::NETWORK_CODE, T::ChunkFailed.text(lang()))
}

impl Wizard {
    fn new(region: RegionId, name: StoredValue<String>) -> Self {
        let form = RwSignal::new(WizardForm {
            name: name.get_value(),
            ..WizardForm::default()
        });
        // Untracked write: the name is read only when the next wizard is made.
        Effect::new(move |_| form.with(|f| name.set_value(f.name.clone())));
        let token = client_token();
        let request = {
            let region = region.clone();
            Memo::new(move |_| form.with(|f| f.to_request(&region, Some(token.clone()))))
        };
        let basic = {
            let region = region.clone();
            LocalResource::new(move || basic_catalog(region.clone()))
        };
        let want_network = RwSignal::new(false);
        let network = {
            let region = region.clone();
            LocalResource::new(move || {
                let wanted = want_network.get();
                let region = region.clone();
                async move {
                    if !wanted {
                        return None;
                    }
                    Some(match split_call!(chunks::wizard_network(region)) {
                        Ok(load) => load.await,
                        Err(e) => Err(chunk_failed(e)),
                    })
                }
            })
        };
        let cat = Memo::new(move |_| {
            let mut cat = Catalog::default();
            if let Some(Ok((zones, types, images))) = basic.get() {
                (cat.zones, cat.types, cat.images) = (zones, types, images);
            }
            if let Some(Some(Ok(part))) = network.get() {
                (cat.vpcs, cat.v_switches, cat.security_groups, cat.enis) = part;
            }
            cat
        });
        let create = Action::new_local(|req: &RunInstances| {
            let req = req.clone();
            async move {
                match split_call!(chunks::wizard_run(req)) {
                    Ok(sent) => sent.await,
                    Err(e) => Err(chunk_failed(e)),
                }
            }
        });
        let follow = {
            let region = region.clone();
            Action::new_local(move |id: &InstanceId| {
                let (region, id) = (region.clone(), id.clone());
                async move {
                    match split_call!(chunks::wizard_look(region, id)) {
                        Ok(look) => look.await,
                        Err(e) => Err(chunk_failed(e)),
                    }
                }
            })
        };
        let created = RwSignal::new(None);
        let seen = move |seen: &Option<Instance>| {
            if let Some(i) = seen {
                created.set(Some(i.clone()));
            }
        };
        on_success(create, seen);
        on_success(follow, seen);
        Self {
            region: StoredValue::new(region),
            form,
            step: RwSignal::new(Step::Basic),
            cat,
            request,
            basic,
            network,
            want_network,
            create,
            follow,
            created,
        }
    }

    /// Whether the first step's catalogue came (tracked).
    pub fn basic_loaded(self) -> bool {
        self.basic.with(Option::is_some)
    }

    /// Asks for the network half: once, or again after it failed (the next look tries again).
    /// Untracked, and a no-op once the wizard is gone (a deferred call may come late).
    pub fn need_network(self) {
        match self.want_network.try_get_untracked() {
            Some(false) => self.want_network.set(true),
            Some(true)
                if self
                    .network
                    .with_untracked(|n| matches!(n, Some(Some(Err(_))))) =>
            {
                self.network.refetch()
            }
            _ => {}
        }
    }

    /// Reads the created instance again (the page polls this until it is Running).
    pub fn follow_created(self) {
        let id = self
            .created
            .try_with_untracked(|c| c.as_ref().map(|i| i.instance_id.clone()))
            .flatten();
        if let Some(id) = id {
            self.follow.dispatch_local(id);
        }
    }

    /// Why the catalogue is incomplete, if a load failed (tracked).
    pub fn load_error(self) -> Option<ApiError> {
        let network = self
            .network
            .with(|n| n.as_ref().and_then(|n| n.as_ref()?.as_ref().err().cloned()));
        network.or_else(|| {
            self.basic
                .with(|b| b.as_ref().and_then(|b| b.as_ref().err().cloned()))
        })
    }
}

/// What the first step offers: zones, instance types and images.
async fn basic_catalog(region: RegionId) -> Result<BasicPart, ApiError> {
    let zones = api::call(&DescribeZones {
        region_id: region.clone(),
        accept_language: None,
    })
    .await?
    .zones
    .zone;
    let types = api::call(&DescribeInstanceTypes::default())
        .await?
        .instance_types
        .instance_type;
    let images = api::call(&DescribeImages {
        page_size: Some(100),
        ..DescribeImages::region(region)
    })
    .await?
    .images
    .image;
    Ok((zones, types, images))
}
