//! Delete protection from the deployment's list as well as the tag: the lock, Modify's
//! DeleteOnRelease, and releasing an instance that would delete a protected ENI.

use super::support::*;
use crate::ctx::SessionCtx;
use crate::pages::enis::modify_dialog::ModifyDialog;
use crate::pages::enis::row::{EniDialog, EniRow};
use crate::pages::instances::release_dialog::ReleaseDialog;
use crate::pages::instances::row::InstanceRow;
use crate::state::fixtures::*;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use tether_domain::api::{BackendInfo, BackendKind, Role, SessionInfo};
use tether_domain::*;
use wasm_bindgen_test::wasm_bindgen_test;

/// Listed by the deployment, with no tag.
const LISTED: &str = "eni-bp1listed01";

/// An admin session whose deployment protects [`LISTED`].
fn admin_with_list() {
    provide_context(SessionCtx(RwSignal::new(Some(SessionInfo {
        user: "vera".into(),
        role: Role::Admin,
        backend: BackendInfo {
            kind: BackendKind::Simulator,
            endpoint: "embedded".into(),
        },
        allowed_regions: Vec::new(),
        protected_enis: vec![LISTED.into()],
        can_sign_out: true,
    }))));
}

fn tagged(mut e: NetworkInterface) -> NetworkInterface {
    e.tags.tag.push(Tag {
        tag_key: "tether:protected".into(),
        tag_value: "true".into(),
    });
    e
}

/// `e` attached to `i-bp1good00001`.
fn on_good(
    mut e: NetworkInterface,
    eni_type: EniType,
    delete_on_release: bool,
) -> NetworkInterface {
    e.status = EniStatus::InUse;
    e.instance_id = Some("i-bp1good00001".parse().unwrap());
    e.eni_type = eni_type;
    e.delete_on_release = delete_on_release;
    e
}

fn reason(root: &web_sys::HtmlElement, testid: &str) -> String {
    let button = by_testid(root, testid);
    assert!(button.has_attribute("disabled"), "{testid} is enabled");
    button.get_attribute("data-reason").unwrap_or_default()
}

#[wasm_bindgen_test]
async fn enis_listed_by_the_deployment_show_a_lock_and_refuse_unbind_and_delete() {
    let message = "Protected by this portal (tether:protected=true).";
    let row = |e: NetworkInterface| {
        mount(move || {
            admin_with_list();
            view! {
                <table><tbody>
                    <EniRow eni=e region="cn-hangzhou".parse().unwrap() stuck=Signal::stored(false)
                        open=Callback::new(|_: EniDialog| {}) reissue=Callback::new(|_| {})/>
                </tbody></table>
            }
        })
    };
    let root = row(on_good(eni(LISTED), EniType::Secondary, false));
    settle().await;
    let lock = by_testid(&root, &format!("lock-{LISTED}"));
    assert_eq!(lock.get_attribute("data-reason").as_deref(), Some(message));
    assert_eq!(reason(&root, &format!("unbind-{LISTED}")), message);
    let root = row(eni(LISTED));
    settle().await;
    assert_eq!(reason(&root, &format!("delete-{LISTED}")), message);
    let root = row(eni("eni-bp1free0001"));
    settle().await;
    assert!(
        !exists(&root, "lock-eni-bp1free0001"),
        "only the listed one"
    );
    assert!(!by_testid(&root, "delete-eni-bp1free0001").has_attribute("disabled"));
}

fn modify(e: NetworkInterface) -> (web_sys::HtmlElement, Arc<Mutex<Option<Option<bool>>>>) {
    let sent = Arc::new(Mutex::new(None));
    let seen = sent.clone();
    let root = mount(move || {
        admin_with_list();
        view! {
            <ModifyDialog eni=e region="cn-hangzhou".parse().unwrap()
                security_groups=Signal::stored(security_groups()) on_close=Callback::new(|_| {})
                on_submit=Callback::new(move |r: ModifyNetworkInterfaceAttribute| {
                    *seen.lock().unwrap() = Some(r.delete_on_release)
                })/>
        }
    });
    (root, sent)
}

#[wasm_bindgen_test]
async fn a_primary_enis_modify_dialog_offers_no_release_choice() {
    let mut primary = eni("eni-bp1primary01");
    primary.eni_type = EniType::Primary;
    primary.delete_on_release = true;
    let (root, _) = modify(primary);
    settle().await;
    assert!(exists(&root, "modify-submit"), "the dialog is drawn");
    assert!(
        !exists(&root, "modify-delete-on-release"),
        "a primary ENI always goes with its instance"
    );
}

#[wasm_bindgen_test]
async fn modify_refuses_releasing_a_protected_eni_with_its_instance() {
    let message = "Protected by this portal: it cannot be set to be released with its instance.";
    for protected in [eni(LISTED), tagged(eni("eni-bp1tagged01"))] {
        let (root, sent) = modify(protected);
        settle().await;
        let option = by_testid(&root, "modify-delete-on-release");
        assert!(option.has_attribute("disabled"), "the option is refused");
        assert_eq!(
            by_testid(&root, "modify-delete-on-release-reason").inner_text(),
            message
        );
        option.click();
        settle().await;
        assert!(by_testid(&root, "modify-submit").has_attribute("disabled"));
        by_testid(&root, "modify-submit").click();
        assert_eq!(*sent.lock().unwrap(), None, "OK sends nothing");
    }

    let (root, sent) = modify(eni("eni-bp1free0001"));
    settle().await;
    assert!(!exists(&root, "modify-delete-on-release-reason"));
    by_testid(&root, "modify-delete-on-release").click();
    settle().await;
    by_testid(&root, "modify-submit").click();
    assert_eq!(
        *sent.lock().unwrap(),
        Some(Some(true)),
        "unprotected: allowed"
    );

    // Marked before it was listed: turning it off is what protection wants.
    let mut marked = eni(LISTED);
    marked.delete_on_release = true;
    let (root, sent) = modify(marked);
    settle().await;
    assert!(!exists(&root, "modify-delete-on-release-reason"));
    by_testid(&root, "modify-delete-on-release").click();
    settle().await;
    by_testid(&root, "modify-submit").click();
    assert_eq!(*sent.lock().unwrap(), Some(Some(false)));
}

#[wasm_bindgen_test]
async fn releasing_an_instance_that_would_delete_a_protected_eni_is_refused_with_each_reason() {
    let enis = RwSignal::new(Vec::<NetworkInterface>::new());
    let root = mount(move || {
        admin_with_list();
        view! {
            <table><tbody>
                <InstanceRow instance=instance("i-bp1good00001") quota=Some(2) region="cn-hangzhou".parse().unwrap()
                    op=Callback::new(|_| {}) enis=enis/>
            </tbody></table>
            <ReleaseDialog instance=instance("i-bp1good00001") enis=enis
                on_confirm=Callback::new(|_| {}) on_close=Callback::new(|_| {})/>
        }
    });
    settle().await;
    let release = by_testid(&root, "release-i-bp1good00001");
    assert!(
        !release.has_attribute("disabled"),
        "nothing known to delete yet"
    );
    assert!(!by_testid(&root, "release-confirm").has_attribute("disabled"));

    // The ENIs arrive after the instances, as on the page.
    enis.set(vec![
        on_good(eni(LISTED), EniType::Primary, false),
        on_good(tagged(eni("eni-bp1doomed01")), EniType::Secondary, true),
        on_good(tagged(eni("eni-bp1keptasid")), EniType::Secondary, false),
    ]);
    settle().await;
    let expected: Vec<String> = [LISTED, "eni-bp1doomed01"]
        .into_iter()
        .map(|eni| {
            format!(
                "Releasing this instance would delete protected ENI {eni} (its primary ENI, or one set to be released with it)."
            )
        })
        .collect();
    assert_eq!(
        reason(&root, "release-i-bp1good00001"),
        expected.join(" "),
        "one reason per protected ENI the release deletes; a detached one does not block"
    );
    assert!(by_testid(&root, "release-confirm").has_attribute("disabled"));
    let shown = by_testid(&root, "release-refusals").inner_text();
    for message in &expected {
        assert!(shown.contains(message.as_str()), "{shown}");
    }
    assert!(!shown.contains("eni-bp1keptasid"), "{shown}");
}
