//! `SimError`: every way the simulator refuses a request, mapped to Alibaba's HTTP status, `Code`
//! and `Message` in one table.

use tether_domain::error::{ErrorSpec, codes};
use tether_domain::rules::Reason;
use tether_domain::{FieldError, ParamError};

/// A refused request.
#[derive(Debug, Clone, PartialEq)]
pub enum SimError {
    /// A mandatory parameter is absent (`MissingParameter`).
    Missing(String),
    /// A parameter value is unusable (`InvalidParameter`); the text is the message.
    Invalid(String),
    /// A catalogued error with its documented message.
    Spec(ErrorSpec),
    /// A catalogued error with a specific message.
    SpecWith(ErrorSpec, String),
    /// An error outside the domain catalogue (auth, version, fault injection).
    Other {
        /// HTTP status.
        status: u16,
        /// Alibaba code.
        code: &'static str,
        /// Message.
        message: String,
    },
    /// Refused by the ENI rules; the first reason decides the code.
    Rules(Vec<Reason>),
    /// Refused by the field rules; the first problem decides the code.
    Fields(Vec<FieldError>),
    /// `DryRun=true` and the request would have succeeded.
    DryRun,
}

impl SimError {
    /// A catalogued "not found", in the documented wording: the ENI ID goes into the message as
    /// Alibaba's template has it (`The specified EniId "{0}" is not found.`, reference §5.2); the
    /// other codes' documented messages name no ID.
    pub fn not_found(spec: ErrorSpec, id: &str) -> Self {
        if spec == codes::INVALID_ENI_ID_NOT_FOUND {
            Self::SpecWith(spec, format!("The specified EniId \"{id}\" is not found."))
        } else {
            Self::Spec(spec)
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            Self::Missing(_) | Self::Invalid(_) | Self::DryRun => 400,
            Self::Spec(spec) | Self::SpecWith(spec, _) => spec.status,
            Self::Other { status, .. } => *status,
            Self::Rules(reasons) => reasons.first().map_or(400, |r| r.spec().status),
            Self::Fields(errors) => errors.first().map_or(400, |e| e.spec().status),
        }
    }

    /// The Alibaba error code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Missing(_) => codes::MISSING_PARAMETER.code,
            Self::Invalid(_) => codes::INVALID_PARAMETER.code,
            Self::DryRun => codes::DRY_RUN_OPERATION.code,
            Self::Spec(spec) | Self::SpecWith(spec, _) => spec.code,
            Self::Other { code, .. } => code,
            Self::Rules(reasons) => reasons
                .first()
                .map_or(codes::INVALID_PARAMETER.code, |r| r.spec().code),
            Self::Fields(errors) => errors
                .first()
                .map_or(codes::INVALID_PARAMETER.code, |e| e.spec().code),
        }
    }

    /// The human message.
    pub fn message(&self) -> String {
        match self {
            Self::Missing(name) => ParamError::Missing(name.clone()).to_string(),
            Self::Invalid(text) => text.clone(),
            Self::DryRun => codes::DRY_RUN_OPERATION.message.to_owned(),
            Self::Spec(spec) => spec.message.to_owned(),
            Self::SpecWith(_, message) | Self::Other { message, .. } => message.clone(),
            // The cloud names one problem, the one whose code it answers with.
            Self::Rules(reasons) => reasons
                .first()
                .map_or_else(String::new, Reason::cloud_message),
            Self::Fields(errors) => errors
                .first()
                .map_or_else(String::new, FieldError::cloud_message),
        }
    }
}

impl From<ParamError> for SimError {
    fn from(err: ParamError) -> Self {
        match err {
            ParamError::Missing(name) => Self::Missing(name),
            invalid @ ParamError::Invalid { .. } => Self::Invalid(invalid.to_string()),
        }
    }
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): {}", self.code(), self.status(), self.message())
    }
}

impl std::error::Error for SimError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_parameter_names_the_parameter_in_alibaba_words() {
        let err = SimError::from(ParamError::Missing("VSwitchId".into()));
        assert_eq!((err.status(), err.code()), (400, "MissingParameter"));
        assert_eq!(
            err.message(),
            "The input parameter \"VSwitchId\" that is mandatory for processing this request is not supplied."
        );
    }

    #[test]
    fn rules_error_answers_the_first_reason_in_alibaba_words() {
        let err = SimError::Rules(vec![
            Reason::EniState {
                expected: tether_domain::EniStatus::Available,
                actual: tether_domain::EniStatus::InUse,
            },
            Reason::QuotaReached { used: 2, quota: 2 },
        ]);
        assert_eq!(err.code(), "InvalidOperation.InvalidEniState");
        assert_eq!(
            err.message(),
            "The operation is not allowed in the current ENI state. Expecting status is \"Available\" while current status is \"InUse\"."
        );
    }
}
