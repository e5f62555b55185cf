//! The soak's checks: every acknowledged mutation against the restarted simulator's snapshot
//! and the audit trail, one ENI per ClientToken, and the per-phase floors.

use super::*;

/// pass/fail counts per check.
#[derive(Default)]
pub(super) struct Checks(pub(super) BTreeMap<&'static str, (usize, usize, Vec<String>)>);

impl Checks {
    /// How many checks have been made, passed or failed.
    pub(super) fn made(&self) -> usize {
        self.0.values().map(|(p, f, _)| p + f).sum()
    }

    pub(super) fn check(&mut self, name: &'static str, ok: bool, detail: impl FnOnce() -> String) {
        let e = self.0.entry(name).or_default();
        if ok {
            e.0 += 1;
        } else {
            e.1 += 1;
            if e.2.len() < 5 {
                e.2.push(detail());
            }
        }
    }
}

/// One ENI per ClientToken in the whole snapshot.
pub(super) fn check_tokens(checks: &mut Checks, snapshot: &Value) {
    let enis = &snapshot["regions"][REGION]["enis"];
    let mut by_name: BTreeMap<String, usize> = BTreeMap::new();
    if let Some(map) = enis.as_object() {
        for e in map.values() {
            let name = e["NetworkInterfaceName"].as_str().unwrap_or_default();
            if name.starts_with("soak-") {
                *by_name.entry(name.to_owned()).or_default() += 1;
            }
        }
    }
    for (name, n) in &by_name {
        checks.check(
            "no resource created twice (one ENI per ClientToken)",
            *n == 1,
            || format!("{name}: {n} ENIs"),
        );
    }
}

/// The workers' acknowledgements against the snapshot.
pub(super) fn check_state(checks: &mut Checks, workers: &[Worker], snapshot: &Value) {
    let enis = &snapshot["regions"][REGION]["enis"];
    for w in workers {
        for m in &w.tally.replay_mismatch {
            checks.check(
                "no resource created twice (one ENI per ClientToken)",
                false,
                || m.clone(),
            );
        }
        for id in &w.deleted {
            checks.check(
                "acknowledged delete is gone",
                enis.get(id).is_none(),
                || id.clone(),
            );
        }
        for (id, local) in &w.enis {
            let e = &enis[id];
            let status = e["Status"].as_str().unwrap_or_default();
            let on = e["InstanceId"].as_str().unwrap_or_default();
            match local {
                Local::Uncertain => {}
                Local::Available => checks.check(
                    "acknowledged create/detach is in the simulator",
                    !e.is_null() && on.is_empty() && matches!(status, "Available" | "Detaching"),
                    || format!("{id}: expected Available, found {status:?} on {on:?}"),
                ),
                Local::Attached(i) => checks.check(
                    "acknowledged attach is in the simulator",
                    on == i && matches!(status, "InUse" | "Attaching"),
                    || format!("{id}: expected on {i}, found {status:?} on {on:?}"),
                ),
            }
        }
    }
}

/// How many successful audit records name each (action, ENI).
pub(super) async fn audited(db: &Path) -> Result<BTreeMap<(String, String), usize>, String> {
    let audit = AuditLog::open(db)?;
    let records = audit
        .query(
            &AuditFilter {
                outcome: Some("ok".into()),
                ..AuditFilter::default()
            },
            u32::MAX,
        )
        .await?;
    let mut have: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in &records {
        for id in r
            .resources
            .split([',', ' '])
            .filter(|s| s.starts_with("eni-"))
        {
            *have.entry((r.action.clone(), id.to_owned())).or_default() += 1;
        }
    }
    Ok(have)
}

pub(super) fn check_audit(
    checks: &mut Checks,
    workers: &[Worker],
    have: &BTreeMap<(String, String), usize>,
) {
    let mut want: BTreeMap<(String, String), usize> = BTreeMap::new();
    for w in workers {
        for a in &w.tally.acks {
            *want
                .entry((a.action.to_owned(), a.eni.clone()))
                .or_default() += 1;
        }
    }
    for (key, n) in &want {
        let got = have.get(key).copied().unwrap_or(0);
        checks.check(
            "acknowledged mutation is in the audit trail",
            got >= *n,
            || format!("{} {}: acknowledged {n}, audited {got}", key.0, key.1),
        );
    }
}

/// Acknowledged mutations that count toward the phase's floor.
pub(super) fn counted_acks(workers: &[Worker]) -> usize {
    workers
        .iter()
        .flat_map(|w| &w.tally.acks)
        .filter(|a| a.counted)
        .count()
}
