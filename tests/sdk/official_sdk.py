"""Alibaba Cloud's official Python SDKs against tether-sim: the simulator must be a drop-in
endpoint for real clients, with V3 signatures (the SDK default) and V1 ("v2" in the SDK).

Every check runs once per signature version and covers one item of issue 15 ("Real answers,
real errors"); each prints one summary line. The world is the demo world (crates/sim/src/seed.rs);
whatever a check creates it deletes again, and counts before and after say so.

Run by `cargo xtask sdk` with TETHER_SIM_ENDPOINT, TETHER_SIM_KEY, TETHER_SIM_SECRET and
TETHER_SIM_TOKEN (the STS token the simulator was started with, `--security-token`) set.
"""

import json
import os
import sys
import time
import urllib.request
from dataclasses import dataclass

from alibabacloud_ecs20140526 import models as ecs
from alibabacloud_ecs20140526.client import Client as Ecs
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_tea_util import models as util_models
from alibabacloud_vpc20160428 import models as vpc
from alibabacloud_vpc20160428.client import Client as Vpc
from Tea.exceptions import TeaException

REGION = "cn-hangzhou"
ECS_VERSION, VPC_VERSION = "2014-05-26", "2016-04-28"
IMAGE = "centos_7_03_64_20G_alibase_20170818.vhd"
# Resource groups of the simulated account (docs/fidelity.md, "Resource groups").
DEFAULT_GROUP, TEAM_GROUP = "rg-acfmdefault00001", "rg-acfmprodteam0001"
# A second vSwitch in prod-vpc's zone g, added through the control API for the RunInstances check.
EXTRA_VSW, EXTRA_CIDR = "vsw-bp1sdkcheckzoneg0001", "192.168.3.0/24"


def config(algorithm, token=None):
    c = open_api_models.Config(
        access_key_id=os.environ["TETHER_SIM_KEY"],
        access_key_secret=os.environ["TETHER_SIM_SECRET"],
        endpoint=os.environ["TETHER_SIM_ENDPOINT"],
        protocol="http",
        region_id=REGION,
        security_token=os.environ["TETHER_SIM_TOKEN"] if token is None else token,
    )
    if algorithm:
        c.signature_algorithm = algorithm
    return c


@dataclass
class Sdk:
    """The ECS and VPC clients of one signature version."""

    name: str
    algorithm: object
    e: Ecs
    v: Vpc

    @classmethod
    def of(cls, name, algorithm):
        return cls(name, algorithm, Ecs(config(algorithm)), Vpc(config(algorithm)))


@dataclass
class Refusal:
    code: str
    status: int
    message: str
    data: dict


def refusal(call):
    """The error `call` is refused with, or None when it succeeds."""
    try:
        call()
    except TeaException as ex:
        data = ex.data if isinstance(ex.data, dict) else {}
        # An answer the SDK could not parse has no data: its exception's message quotes it.
        message = data.get("Message", "") if data else str(ex.message)
        return Refusal(ex.code, data.get("statusCode"), message, data)
    return None


def error_of(call):
    got = refusal(call)
    return got and (got.code, got.status)


def expect(call, code, status, message=None):
    """Asserts `call` is refused with exactly `code` and `status` (and `message`, when given)."""
    got = refusal(call)
    assert got is not None, f"expected {code} {status}, the call succeeded"
    assert (got.code, got.status) == (code, status), ((code, status), (got.code, got.status), got.message)
    if message is not None:
        assert got.message == message, (message, got.message)
    return got


def call_api(sdk, action, version=ECS_VERSION, query=None, headers=None, body_type="json"):
    """The tea client's generic call: any action, any extra (signed) query or header."""
    client = sdk.e if version == ECS_VERSION else sdk.v
    params = open_api_models.Params(
        action=action,
        version=version,
        protocol="HTTP",
        pathname="/",
        method="POST",
        auth_type="AK",
        style="RPC",
        req_body_type="formData",
        body_type=body_type,
    )
    request = open_api_models.OpenApiRequest(query=query or {}, headers=headers or {})
    return client.call_api(params, request, util_models.RuntimeOptions())


# --- look-ups in the demo world -------------------------------------------------------------


def enis(sdk, region=REGION, **filters):
    request = ecs.DescribeNetworkInterfacesRequest(region_id=region, page_size=100, **filters)
    return sdk.e.describe_network_interfaces(request).body


def eni_named(sdk, name):
    (found,) = enis(sdk, network_interface_name=name).network_interface_sets.network_interface_set
    return found


def eni_count(sdk, region=REGION):
    return enis(sdk, region).total_count


def attribute(sdk, eni_id):
    request = ecs.DescribeNetworkInterfaceAttributeRequest(region_id=REGION, network_interface_id=eni_id)
    return sdk.e.describe_network_interface_attribute(request).body


def instance_named(sdk, name):
    request = ecs.DescribeInstancesRequest(region_id=REGION, instance_name=name)
    (found,) = sdk.e.describe_instances(request).body.instances.instance
    return found.instance_id


def instance(sdk, instance_id):
    request = ecs.DescribeInstancesRequest(region_id=REGION, instance_ids=json.dumps([instance_id]))
    found = sdk.e.describe_instances(request).body.instances.instance
    return found[0] if found else None


def network(sdk, region=REGION, vsw_name=None):
    """(vSwitch, security group of its VPC, security group of another VPC or None)."""
    switches = sdk.v.describe_vswitches(vpc.DescribeVSwitchesRequest(region_id=region, page_size=50))
    vsw = next(s for s in switches.body.v_switches.v_switch if vsw_name in (None, s.v_switch_name))
    groups = sdk.e.describe_security_groups(
        ecs.DescribeSecurityGroupsRequest(region_id=region, page_size=50)
    ).body.security_groups.security_group
    own = next(g.security_group_id for g in groups if g.vpc_id == vsw.vpc_id)
    other = next((g.security_group_id for g in groups if g.vpc_id != vsw.vpc_id), None)
    return vsw, own, other


def until(what, check, tries=200):
    for _ in range(tries):
        if check():
            return
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def eni_status(sdk, eni_id):
    got = refusal(lambda: attribute(sdk, eni_id))
    if got is not None:
        assert got.code == "InvalidEniId.NotFound", got
        return None
    return attribute(sdk, eni_id).status


def create_eni(sdk, **extra):
    vsw, own, _ = network(sdk, vsw_name="prod-web-g")
    request = ecs.CreateNetworkInterfaceRequest(
        region_id=REGION, v_switch_id=vsw.v_switch_id, security_group_id=own, **extra
    )
    return sdk.e.create_network_interface(request).body


def delete_eni(sdk, eni_id, region=REGION):
    request = ecs.DeleteNetworkInterfaceRequest(region_id=region, network_interface_id=eni_id)
    sdk.e.delete_network_interface(request)


def delete_enis(sdk, ids, region=REGION):
    for eni_id in ids:
        delete_eni(sdk, eni_id, region)
    until(
        "the ENIs to go",
        lambda: not enis(
            sdk, region, network_interface_id=list(ids)
        ).network_interface_sets.network_interface_set,
    )


def attach(sdk, eni_id, instance_id):
    request = ecs.AttachNetworkInterfaceRequest(
        region_id=REGION, network_interface_id=eni_id, instance_id=instance_id
    )
    return lambda: sdk.e.attach_network_interface(request)


def detach(sdk, eni_id, instance_id):
    request = ecs.DetachNetworkInterfaceRequest(
        region_id=REGION, network_interface_id=eni_id, instance_id=instance_id
    )
    return lambda: sdk.e.detach_network_interface(request)


def control(path, body=None):
    """The simulator's control API (`/_sim/*`), authenticated with the key's secret."""
    request = urllib.request.Request(
        f"http://{os.environ['TETHER_SIM_ENDPOINT']}{path}",
        data=None if body is None else json.dumps(body).encode(),
        headers={"x-tether-sim-secret": os.environ["TETHER_SIM_SECRET"], "content-type": "application/json"},
        method="GET" if body is None else "POST",
    )
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


# --- the checks -----------------------------------------------------------------------------


def journey(sdk):
    e, v = sdk.e, sdk.v
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
    delete_enis(sdk, [created.network_interface_id])
    return f"journey ok ({len(regions)} regions, created and deleted {created.network_interface_id})"


def unknown_instance(sdk):
    """Attach and Detach name an unknown instance with the ENI API's own code."""
    spare = eni_named(sdk, "spare-g-1").network_interface_id
    in_use = eni_named(sdk, "api-full-data").network_interface_id
    nobody = "i-bp1nothere0001"
    expect(attach(sdk, spare, nobody), "InvalidEcsId.NotFound", 404, "The specified EcsId is not found.")
    expect(detach(sdk, in_use, nobody), "InvalidEcsId.NotFound", 404, "The specified EcsId is not found.")
    assert eni_status(sdk, spare) == "Available" and eni_status(sdk, in_use) == "InUse"
    return "Attach and Detach with an unknown instance: InvalidEcsId.NotFound 404"


def vpc_mismatch(sdk):
    """A security group of another VPC, on Create and on ModifyNetworkInterfaceAttribute."""
    vsw, own, other = network(sdk, vsw_name="prod-web-g")
    before = eni_count(sdk)
    create = ecs.CreateNetworkInterfaceRequest(
        region_id=REGION, v_switch_id=vsw.v_switch_id, security_group_id=other
    )
    expect(lambda: sdk.e.create_network_interface(create), "InvalidOperation.VpcMismatch", 403)
    assert eni_count(sdk) == before, "nothing created"
    spare = eni_named(sdk, "spare-g-1")
    had = spare.security_group_ids.security_group_id
    assert had and own not in had, ("spare-g-1 is in prod-web-sg, not in", own, had)
    modify = ecs.ModifyNetworkInterfaceAttributeRequest(
        region_id=REGION, network_interface_id=spare.network_interface_id, security_group_id=[other]
    )
    expect(lambda: sdk.e.modify_network_interface_attribute(modify), "InvalidOperation.VpcMismatch", 403)
    groups = attribute(sdk, spare.network_interface_id).security_group_ids.security_group_id
    assert groups == had, ("groups unchanged", had, groups)
    # The same call with another group of the ENI's own VPC goes through, and is undone.
    for wanted in ([own], had):
        modify.security_group_id = wanted
        sdk.e.modify_network_interface_attribute(modify)
        assert attribute(sdk, spare.network_interface_id).security_group_ids.security_group_id == wanted
    return "security group of another VPC on Create and Modify: InvalidOperation.VpcMismatch 403"


def unknown_action(sdk):
    """An action no product has, and an ECS action sent with the VPC version."""
    message = "Specified api is not found, please check your url and method."
    ecs_side = expect(lambda: call_api(sdk, "NoSuchAction"), "InvalidAction.NotFound", 404, message)
    vpc_side = expect(
        lambda: call_api(sdk, "DescribeRegions", VPC_VERSION), "InvalidAction.NotFound", 404, message
    )
    assert ecs_side.data["HostId"] == "ecs.aliyuncs.com", ecs_side.data
    assert vpc_side.data["HostId"] == "vpc.aliyuncs.com", vpc_side.data
    assert call_api(sdk, "DescribeRegions")["body"]["Regions"]["Region"], "the generic call itself works"
    return "unknown action (ECS and VPC versions): InvalidAction.NotFound 404 with Alibaba's message"


def field_errors(sdk):
    """Documented codes for field errors; the InvalidEniState message names both statuses."""
    before = eni_count(sdk)

    def tags(*pairs):
        return [ecs.CreateNetworkInterfaceRequestTag(key=k, value=val) for k, val in pairs]

    long = "k" * 129
    cases = [
        (dict(network_interface_name="9eni"), "InvalidParameter"),
        (dict(description="x" * 257), "InvalidParameter"),
        (dict(tag=tags(("team", "a"), ("team", "b"))), "Duplicate.TagKey"),
        (dict(tag=tags(("", "a"))), "InvalidTagKey.Malformed"),
        (dict(tag=tags((long, "a"))), "InvalidTagKey.Malformed"),
        (dict(tag=tags(("aliyun-team", "a"))), "InvalidTagKey.Malformed"),
        (dict(tag=tags(("acs:team", "a"))), "InvalidTagKey.Malformed"),
        (dict(tag=tags(("see http://x", "a"))), "InvalidTagKey.Malformed"),
        (dict(tag=tags(("see https://x", "a"))), "InvalidTagKey.Malformed"),
        (dict(tag=tags(("team", "acs:a"))), "InvalidTagValue.Malformed"),
        (dict(tag=tags(("team", "v" * 129))), "InvalidTagValue.Malformed"),
        (dict(tag=tags(("team", "http://x"))), "InvalidTagValue.Malformed"),
        (dict(tag=tags(("team", "https://x"))), "InvalidTagValue.Malformed"),
    ]
    for extra, code in cases:
        expect(lambda: create_eni(sdk, **extra), code, 400)
    assert eni_count(sdk) == before, "nothing created"
    # The limits are the documented ones, not stricter: 128 characters and an "aliyun" word
    # inside a key are fine.
    ok = create_eni(sdk, tag=tags(("k" * 128, "v" * 128), ("my-aliyun", "")))
    assert [(t.tag_key, t.tag_value) for t in attribute(sdk, ok.network_interface_id).tags.tag] == [
        ("k" * 128, "v" * 128),
        ("my-aliyun", ""),
    ]
    delete_enis(sdk, [ok.network_interface_id])

    in_use = eni_named(sdk, "api-full-data").network_interface_id
    web = instance_named(sdk, "web-01")
    state = (
        "The operation is not allowed in the current ENI state. "
        'Expecting status is "Available" while current status is "InUse".'
    )
    expect(attach(sdk, in_use, web), "InvalidOperation.InvalidEniState", 400, state)
    delete = ecs.DeleteNetworkInterfaceRequest(region_id=REGION, network_interface_id=in_use)
    expect(lambda: sdk.e.delete_network_interface(delete), "InvalidOperation.InvalidEniState", 400, state)
    assert eni_count(sdk) == before
    return f"{len(cases)} field errors with their documented codes; InvalidEniState names both statuses"


def attach_limits(sdk):
    """The type's private IPs per ENI (g6.large: 6) and the old-generation refusal."""
    web = instance_named(sdk, "web-01")
    seven = create_eni(sdk, secondary_private_ip_address_count=6)
    six = create_eni(sdk, secondary_private_ip_address_count=5)
    assert len(seven.private_ip_sets.private_ip_set) == 7 and len(six.private_ip_sets.private_ip_set) == 6
    seven_id, six_id = seven.network_interface_id, six.network_interface_id
    expect(attach(sdk, seven_id, web), "InvalidOperation.Ipv4CountExceeded", 403)
    assert eni_status(sdk, seven_id) == "Available"
    attach(sdk, six_id, web)()
    until("the attach", lambda: eni_status(sdk, six_id) == "InUse")
    assert attribute(sdk, six_id).instance_id == web
    detach(sdk, six_id, web)()
    until("the detach", lambda: eni_status(sdk, six_id) == "Available")
    old = instance_named(sdk, "old-gen-t1")
    spare = eni_named(sdk, "spare-g-1").network_interface_id
    expect(attach(sdk, spare, old), "InvalidOperation.InvalidGeneration", 400)
    assert eni_status(sdk, spare) == "Available"
    delete_enis(sdk, [seven_id, six_id])
    return "attach: 7 IPs on g6.large Ipv4CountExceeded 403 (6 attach), t1.small InvalidGeneration 400"


def private_ips(sdk):
    """Secondary private IPs (issue 17): assign by count and explicitly, the limit, unassign."""
    e = sdk.e
    free = lambda: network(sdk, vsw_name="prod-web-g")[0].available_ip_address_count  # noqa: E731
    before = free()
    created = create_eni(sdk).network_interface_id
    assign = lambda **how: e.assign_private_ip_addresses(  # noqa: E731
        ecs.AssignPrivateIpAddressesRequest(region_id=REGION, network_interface_id=created, **how)
    )
    unassign = lambda *ips: e.unassign_private_ip_addresses(  # noqa: E731
        ecs.UnassignPrivateIpAddressesRequest(
            region_id=REGION, network_interface_id=created, private_ip_address=list(ips)
        )
    )
    addresses = lambda: [ip.private_ip_address for ip in attribute(sdk, created).private_ip_sets.private_ip_set]  # noqa: E731
    try:
        by_count = assign(secondary_private_ip_address_count=2).body.assigned_private_ip_addresses_set
        assert by_count.network_interface_id == created, by_count
        counted = by_count.private_ip_set.private_ip_address
        assert len(counted) == 2 and addresses()[1:] == counted, (counted, addresses())
        explicit = assign(private_ip_address=["192.168.1.240"]).body.assigned_private_ip_addresses_set
        assert explicit.private_ip_set.private_ip_address == ["192.168.1.240"], explicit
        assert free() == before - 4, (free(), before)
        # An Available ENI holds its primary and 49 more: 4 held, 47 more would be 51.
        expect(lambda: assign(secondary_private_ip_address_count=47), "InvalidOperation.Ipv4CountExceeded", 403)
        expect(lambda: assign(private_ip_address=["192.168.1.240"]), "InvalidPrivateIpAddress.Duplicated", 400)
        assert len(addresses()) == 4
        unassign(counted[0])
        assert addresses() == [addresses()[0], counted[1], "192.168.1.240"], addresses()
        assert free() == before - 3
        primary = attribute(sdk, created).private_ip_address
        expect(
            lambda: unassign(primary),
            "InvalidIp.IpUnassigned",
            403,
            f'The specified IP "{primary}" is not assigned on this ENI.',
        )
        assert len(addresses()) == 3
        nat = eni_named(sdk, "nat-gw-eni").network_interface_id
        expect(
            lambda: e.assign_private_ip_addresses(
                ecs.AssignPrivateIpAddressesRequest(
                    region_id=REGION, network_interface_id=nat, secondary_private_ip_address_count=1
                )
            ),
            "InvalidOperation.EniServiceManaged",
            403,
        )
        expect(lambda: delete_eni(sdk, nat), "InvalidOperation.EniServiceManaged", 403)
    finally:
        delete_enis(sdk, [created])
    assert free() == before, (free(), before)
    return (
        "private IPs: assign 2 by count and 1 explicit, 51 Ipv4CountExceeded 403, taken Duplicated 400, "
        "unassign 1, primary IpUnassigned 403, NAT gateway ENI EniServiceManaged 403"
    )


def tags(sdk):
    """Tags (issue 17): tag, overwrite, list, filter the ENI list, untag, the quota, the managed ENI."""
    e = sdk.e
    created = create_eni(sdk).network_interface_id
    tag = lambda *pairs, ids=None: e.tag_resources(  # noqa: E731
        ecs.TagResourcesRequest(
            region_id=REGION,
            resource_type="eni",
            resource_id=ids or [created],
            tag=[ecs.TagResourcesRequestTag(key=k, value=v) for k, v in pairs],
        )
    )
    untag = lambda keys=None, all=None, ids=None: e.untag_resources(  # noqa: E731
        ecs.UntagResourcesRequest(
            region_id=REGION, resource_type="eni", resource_id=ids or [created], tag_key=keys, all=all
        )
    )
    listed = lambda: e.list_tag_resources(  # noqa: E731
        ecs.ListTagResourcesRequest(region_id=REGION, resource_type="eni", resource_id=[created])
    ).body.tag_resources.tag_resource
    try:
        tag(("team", "web"), ("cost", ""))
        tag(("team", "api"))
        pairs = [(t.resource_id, t.resource_type, t.tag_key, t.tag_value) for t in listed()]
        assert pairs == [(created, "eni", "team", "api"), (created, "eni", "cost", "")], pairs
        shown = attribute(sdk, created).tags.tag
        assert [(t.tag_key, t.tag_value) for t in shown] == [("team", "api"), ("cost", "")], shown
        by_tag = enis(sdk, tag=[ecs.DescribeNetworkInterfacesRequestTag(key="team", value="api")])
        ids = [i.network_interface_id for i in by_tag.network_interface_sets.network_interface_set]
        assert ids == [created], ids
        expect(lambda: tag(("a", "1"), ("a", "2")), "Duplicate.TagKey", 400)
        expect(lambda: tag(("aliyun-x", "")), "InvalidTagKey.Malformed", 400)
        expect(lambda: tag(*[(f"k{n}", "") for n in range(19)]), "OperationDenied.QuotaExceed", 400)
        expect(lambda: tag(("k", ""), ids=["eni-bp1nothere00000001"]), "InvalidResourceId.NotFound", 404)
        untag(keys=["team"])
        assert [t.tag_key for t in listed()] == ["cost"], listed()
        untag(all=True)
        assert listed() == [], listed()
        nat = eni_named(sdk, "nat-gw-eni").network_interface_id
        expect(lambda: tag(("team", "x"), ids=[nat]), "InvalidOperation.EniServiceManaged", 403)
    finally:
        delete_enis(sdk, [created])
    return (
        "tags: tag, overwrite, ListTagResources, Tag.N filter, Duplicate.TagKey/InvalidTagKey.Malformed 400, "
        "21st tag OperationDenied.QuotaExceed 400, unknown ID 404, untag by key and All, NAT ENI EniServiceManaged 403"
    )


def ipv6(sdk):
    """IPv6 (issue 17): create with a count, assign by count and explicitly, the limit, unassign."""
    e = sdk.e
    created = create_eni(sdk, ipv_6address_count=1).network_interface_id
    assign = lambda eni=created, **how: e.assign_ipv_6addresses(  # noqa: E731
        ecs.AssignIpv6AddressesRequest(region_id=REGION, network_interface_id=eni, **how)
    )
    held = lambda: [s.ipv_6address for s in attribute(sdk, created).ipv_6sets.ipv_6set]  # noqa: E731
    try:
        assert len(held()) == 1, held()
        counted = assign(ipv_6address_count=2).body
        assert counted.network_interface_id == created, counted
        new = counted.ipv_6sets.ipv_6address
        assert len(new) == 2 and held()[1:] == new, (new, held())
        explicit = assign(ipv_6address=["2408:4005:3a0:7a00::5d"]).body.ipv_6sets.ipv_6address
        assert explicit == ["2408:4005:3a0:7a00::5d"], explicit
        # An Available ENI holds 10: 4 held, 7 more would be 11.
        expect(lambda: assign(ipv_6address_count=7), "InvalidOperation.Ipv6CountExceeded", 403)
        expect(lambda: assign(ipv_6address=["2408:4005:3a0:7a00::5d"]), "InvalidIp.IpAssigned", 403)
        e.unassign_ipv_6addresses(
            ecs.UnassignIpv6AddressesRequest(region_id=REGION, network_interface_id=created, ipv_6address=[new[0]])
        )
        assert new[0] not in held() and len(held()) == 3, held()
        spare_h = eni_named(sdk, "spare-h").network_interface_id
        expect(lambda: assign(spare_h, ipv_6address_count=1), "InvalidVSwitch.Ipv6NotTurnOn", 403)
        nat = eni_named(sdk, "nat-gw-eni").network_interface_id
        expect(lambda: assign(nat, ipv_6address_count=1), "InvalidOperation.EniServiceManaged", 403)
    finally:
        delete_enis(sdk, [created])
    return (
        "IPv6: create with 1, assign 2 by count and 1 explicit, 11 Ipv6CountExceeded 403, taken IpAssigned 403, "
        "unassign 1, vSwitch without IPv6 Ipv6NotTurnOn 403, NAT ENI EniServiceManaged 403"
    )


def groups_and_source_dest_check(sdk):
    """Security groups and SourceDestCheck (issue 17) through ModifyNetworkInterfaceAttribute."""
    e = sdk.e
    vsw, own, other = network(sdk, vsw_name="prod-web-g")
    created = create_eni(sdk).network_interface_id
    modify = lambda eni=created, **what: e.modify_network_interface_attribute(  # noqa: E731
        ecs.ModifyNetworkInterfaceAttributeRequest(region_id=REGION, network_interface_id=eni, **what)
    )
    try:
        db = eni_named(sdk, "spare-g-1").security_group_ids.security_group_id[0]
        groups = e.describe_security_groups(
            ecs.DescribeSecurityGroupsRequest(region_id=REGION, vpc_id=vsw.vpc_id)
        ).body.security_groups.security_group
        both = [g.security_group_id for g in groups][:2]
        modify(security_group_id=both)
        assert attribute(sdk, created).security_group_ids.security_group_id == both
        expect(lambda: modify(security_group_id=[own] * 6), "InvalidParameter", 400)
        expect(lambda: modify(security_group_id=[other]), "InvalidOperation.VpcMismatch", 403)
        expect(lambda: modify(security_group_id=["sg-bp1nothere000000001"]), "InvalidSecurityGroupId.NotFound", 404)
        primary = eni_named(sdk, "api-full-primary").network_interface_id
        expect(lambda: modify(primary, security_group_id=[db]), "InvalidOperation.InvalidEniType", 403)
        assert attribute(sdk, created).source_dest_check is False
        modify(source_dest_check=True)
        assert attribute(sdk, created).source_dest_check is True
        modify(source_dest_check=False)
        assert attribute(sdk, created).source_dest_check is False
        nat = eni_named(sdk, "nat-gw-eni").network_interface_id
        expect(lambda: modify(nat, source_dest_check=False), "InvalidOperation.EniServiceManaged", 403)
    finally:
        delete_enis(sdk, [created])
    return (
        "security groups: set of 2, 6 InvalidParameter 400, other VPC VpcMismatch 403, unknown NotFound 404, "
        "primary InvalidEniType 403; SourceDestCheck on and off; NAT ENI EniServiceManaged 403"
    )


def add_extra_vswitch():
    """A second vSwitch in prod-vpc's zone g (the demo world has one per zone): snapshot, add, restore."""
    world = control("/_sim/snapshot")
    hz = world["regions"][REGION]
    if EXTRA_VSW in hz["v_switches"]:
        return
    web = next(s for s in hz["v_switches"].values() if s["VSwitchName"] == "prod-web-g")
    hz["v_switches"][EXTRA_VSW] = dict(
        web, VSwitchId=EXTRA_VSW, VSwitchName="prod-db-g", CidrBlock=EXTRA_CIDR, AvailableIpAddressCount=252
    )
    base = (192 << 24) | (168 << 16) | (3 << 8)
    hz["ip_pools"][EXTRA_VSW] = {"base": base, "size": 256, "used": [], "cursor": 1}
    assert control("/_sim/restore", world) == {"restored": True}


def run_instances(sdk):
    """A secondary ENI on another vSwitch of the zone; Tag.N on the primary ENI too."""
    add_extra_vswitch()
    vsw, sg, _ = network(sdk, vsw_name="prod-web-g")
    before = eni_count(sdk)

    def nics(secondary_vsw):
        return [
            ecs.RunInstancesRequestNetworkInterface(
                instance_type="Primary", v_switch_id=vsw.v_switch_id, security_group_id=sg
            ),
            ecs.RunInstancesRequestNetworkInterface(
                instance_type="Secondary", v_switch_id=secondary_vsw, security_group_id=sg
            ),
        ]

    def run(secondary_vsw):
        request = ecs.RunInstancesRequest(
            region_id=REGION,
            image_id=IMAGE,
            instance_type="ecs.g6.large",
            network_interface=nics(secondary_vsw),
            tag=[ecs.RunInstancesRequestTag(key="team", value="payments")],
        )
        return lambda: sdk.e.run_instances(request)

    h_switch, _, _ = network(sdk, vsw_name="prod-app-h")
    expect(run(h_switch.v_switch_id), "InvalidParameter.Mismatch", 400)
    (new,) = run(EXTRA_VSW)().body.instance_id_sets.instance_id_set
    until("the instance to run", lambda: instance(sdk, new).status == "Running")
    own = enis(sdk, instance_id=new).network_interface_sets.network_interface_set
    by_type = {n.type: n for n in own}
    assert set(by_type) == {"Primary", "Secondary"}, [n.type for n in own]
    secondary = by_type["Secondary"]
    assert secondary.v_switch_id == EXTRA_VSW and secondary.private_ip_address.startswith(
        "192.168.3."
    ), secondary
    primary_tags = [(t.tag_key, t.tag_value) for t in by_type["Primary"].tags.tag]
    assert primary_tags == [("team", "payments")], primary_tags
    instance_tags = [(t.tag_key, t.tag_value) for t in instance(sdk, new).tags.tag]
    assert instance_tags == [("team", "payments")], instance_tags
    assert eni_count(sdk) == before + 2

    sdk.e.delete_instance(ecs.DeleteInstanceRequest(instance_id=new, force=True))
    until("the instance to go", lambda: instance(sdk, new) is None)
    left = [n.network_interface_id for n in own if eni_status(sdk, n.network_interface_id) is not None]
    if left:
        until("the secondary to be free", lambda: all(eni_status(sdk, i) == "Available" for i in left))
        delete_enis(sdk, left)
    assert eni_count(sdk) == before, (eni_count(sdk), before)
    return "RunInstances: secondary ENI on another vSwitch of the zone (another zone refused), Tag.N on the primary ENI"


def check_eni_fields(item, attached_to=None, managed=False):
    """Every documented field the SDK model has, as the cloud sends it."""
    label = item.network_interface_id
    if managed:
        # A service's ENI (the demo world's NAT gateway one): InUse, no instance of the account.
        assert item.service_managed is True and item.service_id > 0, (label, item.service_id)
        assert item.status == "InUse" and item.instance_id == "" and item.attachment is None, label
    elif attached_to is None:
        assert item.instance_id == "", (label, "InstanceId is '' when unattached", item.instance_id)
        assert item.attachment is None, (label, item.attachment)
    else:
        assert item.instance_id == attached_to, (label, item.instance_id)
        assert item.attachment.instance_id == attached_to and isinstance(item.attachment.device_index, int)
    assert str(item.owner_id or "") != "", (label, "OwnerId")
    assert item.service_id is not None, (label, "ServiceID")
    assert item.source_dest_check is False, (label, "SourceDestCheck", item.source_dest_check)
    assert item.service_managed is managed, (label, "ServiceManaged", item.service_managed)
    assert item.associated_public_ip is not None, (label, "AssociatedPublicIp")
    assert item.associated_public_ip.public_ip_address == "", (label, item.associated_public_ip)
    assert item.ipv_6sets is not None and item.ipv_6sets.ipv_6set == [], (label, "Ipv6Sets")
    assert item.ipv_4prefix_sets is not None and item.ipv_4prefix_sets.ipv_4prefix_set == [], (
        label,
        "Ipv4PrefixSets",
    )
    assert item.ipv_6prefix_sets is not None and item.ipv_6prefix_sets.ipv_6prefix_set == [], (
        label,
        "Ipv6PrefixSets",
    )
    assert item.resource_group_id and item.resource_group_id.startswith("rg-"), (
        label,
        item.resource_group_id,
    )
    assert isinstance(item.queue_number, int), (label, "QueueNumber", item.queue_number)
    ips = item.private_ip_sets.private_ip_set
    assert ips and [ip.primary for ip in ips].count(True) == 1, (label, "one primary address")
    assert ips[0].private_ip_address == item.private_ip_address
    assert all(ip.associated_public_ip is not None for ip in ips), (label, "AssociatedPublicIp per address")


def eni_fields(sdk):
    """DescribeNetworkInterfaces items and DescribeNetworkInterfaceAttribute, unattached and attached."""
    items = enis(sdk).network_interface_sets.network_interface_set
    assert len(items) == eni_count(sdk) and items, "one page holds the region"
    for item in items:
        managed = item.service_managed
        unattached = item.status == "Available" or managed
        check_eni_fields(
            item, attached_to=None if unattached else item.attachment.instance_id, managed=managed
        )
        check_eni_fields(
            attribute(sdk, item.network_interface_id),
            attached_to=None if unattached else item.instance_id,
            managed=managed,
        )
    assert [i.network_interface_name for i in items if i.service_managed] == ["nat-gw-eni"]
    spare = attribute(sdk, eni_named(sdk, "spare-g-1").network_interface_id)
    assert spare.instance_id == "" and spare.resource_group_id == DEFAULT_GROUP and spare.queue_number == 0
    assert str(spare.owner_id) == "1000000000000001", spare.owner_id
    raw = call_api(
        sdk,
        "DescribeNetworkInterfaceAttribute",
        query={"RegionId": REGION, "NetworkInterfaceId": spare.network_interface_id},
    )
    assert (
        raw["body"]["InstanceId"] == "" and "Attachment" not in raw["body"]
    ), "the wire form of an unattached ENI"
    return f"ENI answers: every documented field on {len(items)} ENIs (list, attribute), InstanceId ''"


def parameters_applied(sdk):
    """Parameters are applied, never silently ignored."""
    e, v = sdk.e, sdk.v
    before = eni_count(sdk)
    listed = ["192.168.1.201", "192.168.1.202"]
    made = create_eni(
        sdk,
        primary_ip_address="192.168.1.200",
        private_ip_address=listed,
        resource_group_id=TEAM_GROUP,
        queue_number=4,
    )
    got = attribute(sdk, made.network_interface_id)
    addresses = sorted(ip.private_ip_address for ip in got.private_ip_sets.private_ip_set)
    assert addresses == ["192.168.1.200"] + listed, addresses
    assert (got.resource_group_id, got.queue_number) == (TEAM_GROUP, 4), (
        got.resource_group_id,
        got.queue_number,
    )
    expect(
        lambda: create_eni(sdk, resource_group_id="rg-acfmnothere00001"), "InvalidResourceGroup.NotFound", 404
    )
    expect(
        lambda: create_eni(sdk, private_ip_address=["192.168.1.201"]),
        "InvalidPrivateIpAddress.Duplicated",
        400,
    )

    def ids(**filters):
        return sorted(
            n.network_interface_id for n in enis(sdk, **filters).network_interface_sets.network_interface_set
        )

    assert ids(private_ip_address=["192.168.1.202"]) == [made.network_interface_id]
    assert ids(resource_group_id=TEAM_GROUP) == [made.network_interface_id]
    assert len(ids(resource_group_id=DEFAULT_GROUP)) == before
    # The demo world's one managed ENI is the NAT gateway's.
    nat = eni_named(sdk, "nat-gw-eni").network_interface_id
    assert ids(service_managed=True) == [nat] and len(ids(service_managed=False)) == before, (
        ids(service_managed=True),
        before,
    )
    delete_enis(sdk, [made.network_interface_id])

    def switches(**filters):
        request = vpc.DescribeVSwitchesRequest(region_id=REGION, page_size=50, **filters)
        return sorted(s.v_switch_name for s in v.describe_vswitches(request).body.v_switches.v_switch)

    every = switches()
    app_h, _, _ = network(sdk, vsw_name="prod-app-h")
    assert len(every) >= 3, every
    assert switches(v_switch_id=app_h.v_switch_id) == ["prod-app-h"]
    assert switches(v_switch_name="staging-g") == ["staging-g"]
    assert switches(is_default=True) == [] and switches(is_default=False) == every

    def vpcs(vpc_id):
        return sorted(
            x.vpc_name
            for x in v.describe_vpcs(vpc.DescribeVpcsRequest(region_id=REGION, vpc_id=vpc_id)).body.vpcs.vpc
        )

    all_vpcs = {
        x.vpc_name: x.vpc_id for x in v.describe_vpcs(vpc.DescribeVpcsRequest(region_id=REGION)).body.vpcs.vpc
    }
    assert vpcs(f"{all_vpcs['prod-vpc']},{all_vpcs['staging-vpc']}") == ["prod-vpc", "staging-vpc"]
    assert vpcs(all_vpcs["staging-vpc"]) == ["staging-vpc"]

    def groups(**paging):
        request = ecs.DescribeSecurityGroupsRequest(region_id=REGION, **paging)
        body = e.describe_security_groups(request).body
        return [g.security_group_id for g in body.security_groups.security_group], body.next_token

    ordered, token = groups(max_results=10)
    assert len(ordered) == 3 and ordered == sorted(ordered) and token == "", (ordered, token)
    assert groups(max_results=10, next_token=ordered[0]) == (ordered[1:], "")
    expect(lambda: groups(max_results=10, next_token="not a token"), "InvalidParameter", 400)

    vsw, sg, _ = network(sdk, vsw_name="prod-web-g")
    web = instance_named(sdk, "web-01")
    instances = e.describe_instances(ecs.DescribeInstancesRequest(region_id=REGION)).body.total_count
    dry_runs = [
        lambda: e.run_instances(
            ecs.RunInstancesRequest(
                region_id=REGION,
                image_id=IMAGE,
                instance_type="ecs.g6.large",
                v_switch_id=vsw.v_switch_id,
                security_group_id=sg,
                dry_run=True,
            )
        ),
        lambda: e.delete_instance(ecs.DeleteInstanceRequest(instance_id=web, force=True, dry_run=True)),
        lambda: e.describe_images(ecs.DescribeImagesRequest(region_id=REGION, dry_run=True)),
        lambda: e.describe_instances(ecs.DescribeInstancesRequest(region_id=REGION, dry_run=True)),
        lambda: e.describe_security_groups(ecs.DescribeSecurityGroupsRequest(region_id=REGION, dry_run=True)),
        lambda: v.describe_vswitches(vpc.DescribeVSwitchesRequest(region_id=REGION, dry_run=True)),
        lambda: v.describe_vpcs(vpc.DescribeVpcsRequest(region_id=REGION, dry_run=True)),
    ]
    for call in dry_runs:
        expect(call, "DryRunOperation", 400, "Request validation has been passed with DryRun flag set.")
    assert v.describe_vpcs(vpc.DescribeVpcsRequest(region_id=REGION, dry_run=False)).body.vpcs.vpc
    after = e.describe_instances(ecs.DescribeInstancesRequest(region_id=REGION)).body.total_count
    assert after == instances and instance(sdk, web) is not None, "a DryRun changes nothing"

    unsupported = [
        # (Ipv6AddressCount and SourceDestCheck are modelled now: the ipv6 and groups checks.)
        ("Ipv6PrefixCount", lambda: create_eni(sdk, ipv_6prefix_count=1)),
        ("Ipv4PrefixCount", lambda: create_eni(sdk, ipv_4prefix_count=1)),
        ("VpcName", lambda: v.describe_vpcs(vpc.DescribeVpcsRequest(region_id=REGION, vpc_name="prod-vpc"))),
        (
            "RouteTableId",
            lambda: v.describe_vswitches(
                vpc.DescribeVSwitchesRequest(region_id=REGION, route_table_id="vtb-x")
            ),
        ),
        (
            "Password",
            lambda: e.run_instances(
                ecs.RunInstancesRequest(
                    region_id=REGION,
                    image_id=IMAGE,
                    instance_type="ecs.g6.large",
                    v_switch_id=vsw.v_switch_id,
                    security_group_id=sg,
                    password="Secret-Pass1",
                )
            ),
        ),
    ]
    for name, call in unsupported:
        got = expect(call, "UnsupportedParameter", 400)
        assert got.message.startswith("The parameters is unsupported.") and name in got.message, got.message
    assert eni_count(sdk) == before
    return (
        "parameters applied: Create PrivateIpAddress.N/ResourceGroupId/QueueNumber, ENI filters, "
        f"vSwitch and VPC filters, group token paging, {len(dry_runs)} DryRuns, "
        f"{len(unsupported)} UnsupportedParameter"
    )


def products(sdk):
    """Recommend and HostId name the product that answered."""
    ecs_error = expect(lambda: attribute(sdk, "eni-bp1nothere00000001"), "InvalidEniId.NotFound", 404)
    vpc_error = expect(
        lambda: sdk.v.describe_vpcs(vpc.DescribeVpcsRequest(region_id=REGION, dry_run=True)),
        "DryRunOperation",
        400,
    )
    for got, host, product in (
        (ecs_error, "ecs.aliyuncs.com", "Ecs"),
        (vpc_error, "vpc.aliyuncs.com", "Vpc"),
    ):
        request_id = got.data["RequestId"]
        recommend = (
            f"https://api.aliyun.com/troubleshoot?q={got.code}&product={product}&requestId={request_id}"
        )
        assert (got.data["HostId"], got.data["Recommend"]) == (host, recommend), got.data
    return "errors name their product: HostId and Recommend say ecs for ECS, vpc for VPC"


def eni_quota(sdk):
    """The regional ENI quota is the documented 100 (checked in ap-southeast-1, the smallest region)."""
    region = "ap-southeast-1"
    vsw, sg, _ = network(sdk, region)
    before = eni_count(sdk, region)
    created = []
    request = ecs.CreateNetworkInterfaceRequest(
        region_id=region, v_switch_id=vsw.v_switch_id, security_group_id=sg
    )
    try:
        for _ in range(100 - before):
            created.append(sdk.e.create_network_interface(request).body.network_interface_id)
        assert eni_count(sdk, region) == 100
        expect(
            lambda: sdk.e.create_network_interface(request),
            "MaxEniCountExceeded",
            403,
            "The number of ENI exceeds the limit per region.",
        )
    finally:
        delete_enis(sdk, created, region)
    assert eni_count(sdk, region) == before
    return (
        f"regional ENI quota: the 101st ENI is MaxEniCountExceeded 403 ({len(created)} created and deleted)"
    )


def gateway(sdk):
    """The STS token, timestamps and Format, as the gateway checks them."""
    for token, code in (
        ("not-the-token", "InvalidSecurityToken.MismatchWithAccessKey"),
        ("", "MissingSecurityToken"),
    ):
        client = Ecs(config(sdk.algorithm, token))
        expect(lambda: client.describe_regions(ecs.DescribeRegionsRequest()), code, 400)
    if sdk.algorithm == "v2":
        # V1 signs the Timestamp parameter; the SDK lets a request's query override it.
        stamp = lambda value: dict(query={"Timestamp": value})  # noqa: E731
    else:
        # V3 signs the x-acs-date header; the SDK lets a request's headers override it.
        stamp = lambda value: dict(headers={"x-acs-date": value})  # noqa: E731
    expect(
        lambda: call_api(sdk, "DescribeRegions", **stamp("")),
        "MissingTimestamp",
        400,
        "Timestamp is mandatory for this action.",
    )
    expect(lambda: call_api(sdk, "DescribeRegions", **stamp("yesterday")), "IllegalTimestamp", 400)
    expect(
        lambda: call_api(sdk, "DescribeRegions", **stamp("2020-01-01T00:00:00Z")),
        "InvalidTimeStamp.Expired",
        400,
    )
    xml = call_api(sdk, "DescribeRegions", query={"Format": "XML"}, body_type="string")["body"]
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?><DescribeRegionsResponse>'), xml[:120]
    assert "<RegionId>cn-hangzhou</RegionId>" in xml and "<RequestId>" in xml
    got = refusal(lambda: call_api(sdk, "DescribeRegions", query={"Format": "YAML"}, body_type="string"))
    if sdk.algorithm == "v2":
        # Without a usable Format a V1 request is answered in XML, its default: the SDK cannot
        # parse the error, its exception quotes it.
        assert got is not None and "<Code>InvalidParameter</Code>" in str(got.message), got
    else:
        assert (got.code, got.status) == ("InvalidParameter", 400), got
    return (
        "gateway: SecurityToken (wrong, missing), Missing/Illegal/expired timestamp, Format=XML, Format=YAML"
    )


def wrong_secret_is_refused():
    c = config(None)
    c.access_key_secret = "not-the-secret"
    err = error_of(lambda: Ecs(c).describe_regions(ecs.DescribeRegionsRequest()))
    assert err == ("SignatureDoesNotMatch", 400), err
    print("wrong secret: SignatureDoesNotMatch 400")


CHECKS = [
    journey,
    unknown_instance,
    vpc_mismatch,
    unknown_action,
    field_errors,
    attach_limits,
    private_ips,
    tags,
    ipv6,
    groups_and_source_dest_check,
    run_instances,
    eni_fields,
    parameters_applied,
    products,
    eni_quota,
    gateway,
]

if __name__ == "__main__":
    for name, algorithm in (("V3 (ACS3-HMAC-SHA256, SDK default)", None), ("V1 (HMAC-SHA1)", "v2")):
        sdk = Sdk.of(name, algorithm)
        for check in CHECKS:
            started = time.monotonic()
            line = check(sdk)
            print(f"{name.split()[0]} {line} [{time.monotonic() - started:.2f}s]")
    wrong_secret_is_refused()
    sys.exit(0)
