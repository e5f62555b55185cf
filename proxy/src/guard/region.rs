//! The region allowlist. Every regional call must name an allowed region; an action whose
//! `RegionId` is optional gets the one allowed region filled in, or is refused when there are
//! several (the endpoint would otherwise pick its own default region, outside the allowlist).

use crate::error::AppError;
use tether_domain::{Action, RegionRule};

/// Checks (and, with one allowed region, completes) `request` against `allowed`.
pub fn enforce<A: Action>(allowed: &[String], request: &mut A) -> Result<(), AppError> {
    if allowed.is_empty() || A::REGION == RegionRule::None {
        return Ok(());
    }
    if request.region().is_none()
        && let [only] = allowed
        && let Ok(region) = only.parse()
    {
        request.fill_region(&region);
    }
    match request.region() {
        Some(region) if allowed.iter().any(|r| r == region.as_str()) => Ok(()),
        Some(region) => Err(AppError::Forbidden(format!(
            "This portal may not touch region {region}."
        ))),
        None => Err(AppError::Forbidden(format!(
            "This portal may only touch {}: name the region (RegionId).",
            allowed.join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tether_domain::{DescribeRegions, StopInstance};

    fn stop(region: Option<&str>) -> StopInstance {
        StopInstance {
            instance_id: "i-bp1a2b3c4d5e6f7g8h9j".parse().unwrap(),
            region_id: region.map(|r| r.parse().unwrap()),
            dry_run: None,
            force_stop: None,
        }
    }

    #[test]
    fn an_optional_region_is_filled_from_the_one_allowed_region() {
        let mut s = stop(None);
        enforce(&["cn-shanghai".into()], &mut s).unwrap();
        assert_eq!(
            s.region_id.map(|r| r.to_string()).as_deref(),
            Some("cn-shanghai")
        );
    }

    #[test]
    fn a_missing_region_is_refused_when_several_are_allowed() {
        let mut s = stop(None);
        let allowed = ["cn-shanghai".to_owned(), "cn-beijing".to_owned()];
        assert!(matches!(
            enforce(&allowed, &mut s),
            Err(AppError::Forbidden(_))
        ));
        assert!(enforce(&allowed, &mut stop(Some("cn-beijing"))).is_ok());
        assert!(enforce(&allowed, &mut stop(Some("cn-hangzhou"))).is_err());
    }

    #[test]
    fn no_allowlist_and_global_actions_pass_untouched() {
        let mut s = stop(None);
        enforce(&[], &mut s).unwrap();
        assert!(s.region_id.is_none());
        assert!(enforce(&["cn-shanghai".into()], &mut DescribeRegions::default()).is_ok());
    }
}
