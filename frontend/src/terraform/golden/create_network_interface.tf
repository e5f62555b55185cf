resource "alicloud_ecs_network_interface" "web_01" {
  # RegionId = "cn-hangzhou": the provider's region, not an argument here
  # ClientToken = "tether-0001": no argument here
  vswitch_id             = "vsw-bp1aaaa0001"
  security_group_ids     = ["sg-bp1aaaa0001", "sg-bp1aaaa0002"]
  network_interface_name = "Web-01"
  description            = "front end"
  primary_ip_address     = "192.168.1.20"
  private_ip_addresses   = ["192.168.1.21", "192.168.1.22"]
  ipv6_addresses         = ["2408:4005:3ac:a700::21"]
  delete_on_release      = false
  source_dest_check      = false
  queue_number           = 4
  resource_group_id      = "rg-acfmzaaaa0001"
  tags = {
    "team" = "web"
    "环境"   = "生产"
  }
}

resource "alicloud_ecs_network_interface" "eni" {
  # RegionId = "cn-hangzhou": the provider's region, not an argument here
  vswitch_id         = "vsw-bp1aaaa0001"
  security_group_ids = ["sg-bp1aaaa0001"]
}

resource "alicloud_ecs_network_interface" "db" {
  # RegionId = "cn-hangzhou": the provider's region, not an argument here
  vswitch_id                         = "vsw-bp1aaaa0001"
  security_group_ids                 = ["sg-bp1aaaa0001"]
  network_interface_name             = "前端-db"
  description                        = "say \"hi\" \\ $${var.secret} %%{if x} 网卡 ✓"
  secondary_private_ip_address_count = 2
  ipv6_address_count                 = 1
  tags = {
    "note"     = "say \"hi\" \\ $${var.secret} %%{if x} 网卡 ✓"
    "C:\\path" = ""
  }
}
