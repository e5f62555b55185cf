resource "alicloud_instance" "web_01" {
  # RegionId = "cn-hangzhou": the provider's region, not an argument here
  # ClientToken = "tether-0002": no argument here
  # IoOptimized = "optimized": no argument here
  availability_zone = "cn-hangzhou-g"
  image_id          = "centos_7_03_64_20G_alibase_20170818.vhd"
  instance_type     = "ecs.g6.large"
  instance_name     = "web-01"
  vswitch_id        = "vsw-bp1aaaa0001"
  security_groups   = ["sg-bp1aaaa0001"]

  network_interfaces {
    # NetworkInterface.2.DeleteOnRelease = true: no argument here
    vswitch_id         = "vsw-bp1aaaa0001"
    security_group_ids = ["sg-bp1aaaa0001"]
  }
}

resource "alicloud_instance" "batch" {
  # RegionId = "cn-hangzhou": the provider's region, not an argument here
  # Amount = 3: Terraform's count, one RunInstances call per instance
  count           = 3
  image_id        = "centos_7_03_64_20G_alibase_20170818.vhd"
  instance_type   = "ecs.g6.large"
  instance_name   = "batch"
  vswitch_id      = "vsw-bp1aaaa0001"
  security_groups = ["sg-bp1aaaa0001"]
  dry_run         = true
  tags = {
    "team" = "web"
  }

  network_interfaces {
    # NetworkInterface.1.DeleteOnRelease = false: no argument here
    network_interface_id = "eni-bp1free0001"
  }
}

resource "alicloud_instance" "instance" {
  # RegionId = "cn-hangzhou": the provider's region, not an argument here
  image_id      = "centos_7_03_64_20G_alibase_20170818.vhd"
  instance_type = "ecs.g6.large"
}

resource "alicloud_instance" "db_primary" {
  # RegionId = "cn-hangzhou": the provider's region, not an argument here
  # NetworkInterface.1.NetworkInterfaceName = "say \"hi\" \\ $${var.secret} %%{if x} 网卡 ✓": no argument here
  # NetworkInterface.1.Description = "say \"hi\" \\ $${var.secret} %%{if x} 网卡 ✓": no argument here
  image_id        = "centos_7_03_64_20G_alibase_20170818.vhd"
  instance_type   = "ecs.g6.large"
  instance_name   = "db \"primary\""
  vswitch_id      = "vsw-bp1aaaa0001"
  security_groups = ["sg-bp1aaaa0001"]
  private_ip      = "192.168.1.30"

  network_interfaces {
    # NetworkInterface.2.PrimaryIpAddress = "192.168.1.31": no argument here
    # NetworkInterface.2.NetworkInterfaceName = "网卡-2": no argument here
    vswitch_id         = "vsw-bp1aaaa0001"
    security_group_ids = ["sg-bp1aaaa0001"]
  }
}
