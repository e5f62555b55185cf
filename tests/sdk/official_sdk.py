"""Alibaba Cloud's official Python SDKs against tether-sim: the simulator must be a drop-in
endpoint for real clients, with V3 signatures (the SDK default) and V1 ("v2" in the SDK).

Run by `cargo xtask test` with TETHER_SIM_ENDPOINT, TETHER_SIM_KEY and TETHER_SIM_SECRET set.
"""
import os
import sys

from alibabacloud_ecs20140526 import models as ecs
from alibabacloud_ecs20140526.client import Client as Ecs
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_vpc20160428 import models as vpc
from alibabacloud_vpc20160428.client import Client as Vpc
from Tea.exceptions import TeaException

REGION = "cn-hangzhou"


def config(algorithm):
    c = open_api_models.Config(
        access_key_id=os.environ["TETHER_SIM_KEY"],
        access_key_secret=os.environ["TETHER_SIM_SECRET"],
        endpoint=os.environ["TETHER_SIM_ENDPOINT"],
        protocol="http",
        region_id=REGION,
    )
    if algorithm:
        c.signature_algorithm = algorithm
    return c


def error_of(call):
    try:
        call()
    except TeaException as ex:
        status = ex.data.get("statusCode") if isinstance(ex.data, dict) else None
        return ex.code, status
    return None


def journey(name, algorithm):
    e, v = Ecs(config(algorithm)), Vpc(config(algorithm))
    regions = e.describe_regions(ecs.DescribeRegionsRequest()).body.regions.region
    assert any(r.region_id == REGION for r in regions), "cn-hangzhou listed"
    vsw = v.describe_vswitches(vpc.DescribeVSwitchesRequest(region_id=REGION)).body.v_switches.v_switch[0]
    sg = e.describe_security_groups(
        ecs.DescribeSecurityGroupsRequest(region_id=REGION, vpc_id=vsw.vpc_id)
    ).body.security_groups.security_group[0]
    created = e.create_network_interface(
        ecs.CreateNetworkInterfaceRequest(
            region_id=REGION,
            v_switch_id=vsw.v_switch_id,
            security_group_ids=[sg.security_group_id],
            network_interface_name="sdk-eni",
            description="测试 ENI (demo)!",
        )
    ).body
    assert created.status == "Available", created.status
    assert created.description == "测试 ENI (demo)!", "UTF-8 survives signing"
    page = e.describe_network_interfaces(
        ecs.DescribeNetworkInterfacesRequest(region_id=REGION, max_results=10)
    ).body
    assert len(page.network_interface_sets.network_interface_set) == 10 and page.next_token, "token paging"
    err = error_of(
        lambda: e.attach_network_interface(
            ecs.AttachNetworkInterfaceRequest(
                region_id=REGION, network_interface_id=created.network_interface_id, instance_id="i-bp1nothere0001"
            )
        )
    )
    # The ENI API's own code for an unknown instance (reference §5.2).
    assert err == ("InvalidEcsId.NotFound", 404), err
    e.delete_network_interface(
        ecs.DeleteNetworkInterfaceRequest(region_id=REGION, network_interface_id=created.network_interface_id)
    )
    print(f"{name}: ok ({len(regions)} regions, created and deleted {created.network_interface_id})")


def refusals(name, algorithm):
    """The simulator's documented codes as an SDK meets them (issue 15): each as (code, status)."""
    e, v = Ecs(config(algorithm)), Vpc(config(algorithm))
    vsw = v.describe_vswitches(vpc.DescribeVSwitchesRequest(region_id=REGION)).body.v_switches.v_switch[0]
    groups = e.describe_security_groups(
        ecs.DescribeSecurityGroupsRequest(region_id=REGION, page_size=50)
    ).body.security_groups.security_group
    own = next(g.security_group_id for g in groups if g.vpc_id == vsw.vpc_id)
    other = next(g.security_group_id for g in groups if g.vpc_id != vsw.vpc_id)

    def create(**extra):
        request = ecs.CreateNetworkInterfaceRequest(region_id=REGION, v_switch_id=vsw.v_switch_id, **extra)
        return lambda: e.create_network_interface(request)

    def tags(*pairs):
        return [ecs.CreateNetworkInterfaceRequestTag(key=k, value=val) for k, val in pairs]

    cases = [
        (create(security_group_id=other), ("InvalidOperation.VpcMismatch", 403)),
        (create(security_group_id=own, tag=tags(("team", "a"), ("team", "b"))), ("Duplicate.TagKey", 400)),
        (create(security_group_id=own, tag=tags(("aliyun-team", "a"))), ("InvalidTagKey.Malformed", 400)),
        (create(security_group_id=own, tag=tags(("team", "acs:a"))), ("InvalidTagValue.Malformed", 400)),
        (create(security_group_id=own, network_interface_name="9eni"), ("InvalidParameter", 400)),
        (create(security_group_id=own, ipv_6address_count=1), ("UnsupportedParameter", 400)),
        (
            lambda: v.describe_vpcs(vpc.DescribeVpcsRequest(region_id=REGION, dry_run=True)),
            ("DryRunOperation", 400),
        ),
    ]
    for call, want in cases:
        got = error_of(call)
        assert got == want, (want, got)
    print(f"{name}: {len(cases)} refusals with their documented codes")


def wrong_secret_is_refused():
    c = config(None)
    c.access_key_secret = "not-the-secret"
    err = error_of(lambda: Ecs(c).describe_regions(ecs.DescribeRegionsRequest()))
    assert err == ("SignatureDoesNotMatch", 400), err
    print("wrong secret: SignatureDoesNotMatch 400")


if __name__ == "__main__":
    journey("V3 (ACS3-HMAC-SHA256, SDK default)", None)
    journey("V1 (HMAC-SHA1)", "v2")
    refusals("V3 refusals", None)
    refusals("V1 refusals", "v2")
    wrong_secret_is_refused()
    sys.exit(0)
