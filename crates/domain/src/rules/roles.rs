//! The portal's roles as a rule: the proxy refuses with it, the app explains with it, in the
//! same words.

use super::reason::Reason;
use crate::api::Role;

/// Why a user with role `have` may not call what needs `need`, or `None` when they may.
pub fn role_refusal(have: Role, need: Role) -> Option<Reason> {
    (have < need).then_some(Reason::RoleTooLow { have, need })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn refusals_name_the_role_and_what_is_needed_in_both_languages() {
        let r = role_refusal(Role::Viewer, Role::Operator).unwrap();
        assert_eq!(
            r.message(Lang::En),
            "Your role is viewer; this needs operator."
        );
        assert_eq!(
            r.message(Lang::Zh),
            "您的角色是 viewer；此操作需要 operator。"
        );
        assert_eq!(
            role_refusal(Role::Operator, Role::Admin)
                .map(|r| r.message(Lang::En))
                .as_deref(),
            Some("Your role is operator; this needs admin.")
        );
        assert_eq!(role_refusal(Role::Admin, Role::Admin), None);
        assert_eq!(role_refusal(Role::Admin, Role::Viewer), None);
    }

    #[test]
    fn each_action_needs_the_role_its_effect_calls_for() {
        use crate::*;
        assert_eq!(DescribeNetworkInterfaces::ROLE, Role::Viewer);
        assert_eq!(AttachNetworkInterface::ROLE, Role::Operator);
        assert_eq!(StopInstance::ROLE, Role::Operator);
        assert_eq!(DeleteNetworkInterface::ROLE, Role::Admin);
        assert_eq!(DeleteInstance::ROLE, Role::Admin);
        assert_eq!(TagResources::ROLE, Role::Operator);
        assert_eq!(UntagResources::ROLE, Role::Operator);
        assert_eq!(ListTagResources::ROLE, Role::Viewer);
        for (name, _, mutates) in ALL_ACTIONS {
            let reads = !mutates;
            let reader = name.starts_with("Describe") || name.starts_with("List");
            assert_eq!(reads, reader, "{name}");
        }
    }
}
