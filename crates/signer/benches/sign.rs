//! Signer speed: V1 sign, V3 sign, and V1/V3 verify of a realistic AttachNetworkInterface call.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use tether_signer::{Credentials, v1, v3, verify_v1, verify_v3};

fn params() -> Vec<(String, String)> {
    [
        ("Action", "AttachNetworkInterface"),
        ("Version", "2014-05-26"),
        ("RegionId", "cn-hangzhou"),
        ("NetworkInterfaceId", "eni-bp17pdijfczax1huji0001"),
        ("InstanceId", "i-bp67acfmxazb4p0001"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

fn bench(c: &mut Criterion) {
    let creds = Credentials::new("testid", "testsecret");
    let ts = "2024-01-02T03:04:05Z";
    let now = tether_signer::parse_timestamp(ts).unwrap_or(0);
    c.bench_function("v1_sign", |b| {
        b.iter(|| {
            v1::signed_params(
                "POST",
                black_box(params()),
                &creds,
                ts,
                "5b1d5e2c-0000-4000-8000-000000000001",
            )
        })
    });
    let signed = v1::signed_params("POST", params(), &creds, ts, "nonce-1");
    c.bench_function("v1_verify", |b| {
        b.iter(|| {
            verify_v1(
                "POST",
                black_box(&signed),
                |_| Some("testsecret".to_owned()),
                now,
                900,
            )
        })
    });
    let query: Vec<(String, String)> = params()
        .into_iter()
        .filter(|(k, _)| k != "Action" && k != "Version")
        .collect();
    let sign3 = || {
        v3::sign_headers(
            "POST",
            "ecs-cn-hangzhou.aliyuncs.com",
            &query,
            b"",
            "AttachNetworkInterface",
            "2014-05-26",
            &creds,
            ts,
            "0123456789abcdef0123456789abcdef",
            &[("accept".to_owned(), "application/json".to_owned())],
        )
    };
    c.bench_function("v3_sign", |b| b.iter(|| black_box(sign3())));
    let headers = sign3();
    c.bench_function("v3_verify", |b| {
        b.iter(|| {
            verify_v3(
                "POST",
                "/",
                &query,
                black_box(&headers),
                b"",
                |_| Some("testsecret".to_owned()),
                now,
                900,
            )
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
