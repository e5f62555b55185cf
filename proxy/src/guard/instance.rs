//! An instance action (Start, Stop, Reboot, DeleteInstance) names the instance by its global
//! ID; the current API models have no RegionId for them, so the gateway may act on the
//! instance wherever it is. The region allowlist and the release check both look at the region
//! the caller named, so the proxy first makes sure the instance is in it: otherwise an allowed
//! region could be named for an instance elsewhere, and its ENIs listed where they are not.

use crate::error::AppError;
use crate::state::AppState;
use tether_domain::params::JsonArray;
use tether_domain::*;

/// Refuses an instance action whose instance is not in the region it names.
pub async fn enforce<A: Action>(state: &AppState, request: &A) -> Result<(), AppError> {
    let (Some(instance), Some(region)) = (request.instance(), request.region()) else {
        return Ok(());
    };
    let mut describe = DescribeInstances::region(region.clone());
    describe.instance_ids = Some(JsonArray(vec![instance.clone()]));
    let describe = Validated::new(describe).map_err(AppError::Validation)?;
    let answer = state.client.send(&describe).await.0?;
    if answer
        .instances
        .instance
        .iter()
        .any(|i| &i.instance_id == instance)
    {
        Ok(())
    } else {
        Err(AppError::NotInRegion {
            instance: instance.to_string(),
            region: region.to_string(),
        })
    }
}
