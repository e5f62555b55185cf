//! Where a call goes: Alibaba's host per product and region, or one base URL for everything.

use tether_domain::{Product, RegionId};

/// The endpoint the client talks to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Alibaba Cloud's public endpoints over HTTPS.
    Aliyun,
    /// One base URL for every product (a simulator or a private endpoint), e.g. `http://127.0.0.1:9000`.
    BaseUrl(String),
}

impl Target {
    /// The URL (without query) for a call of `product` in `region`.
    pub fn url(&self, product: Product, region: Option<&RegionId>) -> String {
        match self {
            Self::BaseUrl(base) => format!("{}/", base.trim_end_matches('/')),
            Self::Aliyun => format!("https://{}/", aliyun_host(product, region)),
        }
    }

    /// The host shown to users ("which backend"), never a credential.
    pub fn display_host(&self) -> String {
        match self {
            Self::BaseUrl(base) => base
                .trim_start_matches("http://")
                .trim_start_matches("https://")
                .trim_end_matches('/')
                .to_owned(),
            Self::Aliyun => "aliyuncs.com".to_owned(),
        }
    }
}

/// The current SDK's endpoint rule (reference §1.1): `<product>.<region>.aliyuncs.com`, except
/// cn-hangzhou, which ECS serves at `ecs-cn-hangzhou` and VPC at the central host.
pub fn aliyun_host(product: Product, region: Option<&RegionId>) -> String {
    let code = product.code();
    match region.map(RegionId::as_str) {
        None => format!("{code}.aliyuncs.com"),
        Some("cn-hangzhou") if product == Product::Ecs => "ecs-cn-hangzhou.aliyuncs.com".to_owned(),
        Some("cn-hangzhou") => format!("{code}.aliyuncs.com"),
        Some(region) => format!("{code}.{region}.aliyuncs.com"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(s: &str) -> RegionId {
        s.parse().unwrap()
    }

    #[test]
    fn aliyun_hosts_follow_the_sdk_rules() {
        assert_eq!(
            aliyun_host(Product::Ecs, Some(&region("cn-hangzhou"))),
            "ecs-cn-hangzhou.aliyuncs.com"
        );
        assert_eq!(
            aliyun_host(Product::Vpc, Some(&region("cn-hangzhou"))),
            "vpc.aliyuncs.com"
        );
        assert_eq!(
            aliyun_host(Product::Ecs, Some(&region("ap-southeast-1"))),
            "ecs.ap-southeast-1.aliyuncs.com"
        );
        assert_eq!(aliyun_host(Product::Ecs, None), "ecs.aliyuncs.com");
    }

    #[test]
    fn a_base_url_serves_every_product() {
        let t = Target::BaseUrl("http://127.0.0.1:9000/".into());
        assert_eq!(
            t.url(Product::Vpc, Some(&region("cn-shanghai"))),
            "http://127.0.0.1:9000/"
        );
        assert_eq!(t.display_host(), "127.0.0.1:9000");
    }
}
