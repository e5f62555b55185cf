resource "alicloud_ecs_network_interface" "eni_bp1aaaa0001" {
  # RegionId = "cn-hangzhou": the provider's region, not an argument here
  # only the arguments this call changes; keep the others as they are
  network_interface_name = "web-02"
  description            = "moved"
  security_group_ids     = ["sg-bp1aaaa0002"]
  delete_on_release      = true
  source_dest_check      = false
}

resource "alicloud_ecs_network_interface" "eni_bp1aaaa0002" {
  # RegionId = "cn-hangzhou": the provider's region, not an argument here
  # only the arguments this call changes; keep the others as they are
}

resource "alicloud_ecs_network_interface" "eni_bp1aaaa0003" {
  # RegionId = "cn-hangzhou": the provider's region, not an argument here
  # only the arguments this call changes; keep the others as they are
  description = "say \"hi\" \\ $${var.secret} %%{if x} 网卡 ✓"
}
