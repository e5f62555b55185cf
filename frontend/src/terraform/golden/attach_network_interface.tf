resource "alicloud_ecs_network_interface_attachment" "eni_bp1free0001" {
  # RegionId = "cn-hangzhou": the provider's region, not an argument here
  network_interface_id = "eni-bp1free0001"
  instance_id          = "i-bp1good00001"
}
