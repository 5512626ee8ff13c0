using System.Text.Json;
using Occi.Backends.Synnefo.Network;

namespace Occi.Backends.Synnefo.Tests.Network;

/// <summary>The Cyclades/Network answers the guide publishes read into the gateway's shapes, ids as strings whichever way written.</summary>
public sealed class CycladesNetworkJsonTests
{
    [Test]
    public void A_network_list_with_numeric_and_string_ids_reads_both_as_strings()
    {
        const string body = """
            {"networks": [
              {"id": 2718, "name": "Public IPv6 Network", "status": "ACTIVE", "router:external": true, "user_id": null,
               "tenant_id": null, "admin_state_up": true, "SNF:floating_ip_pool": false, "public": true, "subnets": [28],
               "type": "IP_LESS_ROUTED"},
              {"id": "3141", "name": "My Private Network", "status": "ACTIVE", "router:external": false, "public": false,
               "type": "MAC_FILTERED", "subnets": [], "SNF:floating_ip_pool": false}
            ]}
            """;
        var list = JsonSerializer.Deserialize(body, CycladesNetworkJson.Default.CycladesNetworkList)!.Networks!;

        Assert.That(list.Select(n => n.Id), Is.EqualTo(new[] { "2718", "3141" }));
        Assert.That(list[0].Subnets, Is.EqualTo(new[] { "28" }));
        Assert.That(list[0].IsFloatingIpPool, Is.True, "router:external");
        Assert.That(list[1].IsFloatingIpPool, Is.False);
        Assert.That(list[1].Type, Is.EqualTo("MAC_FILTERED"));
    }

    [Test]
    public void A_floating_ip_with_numeric_network_port_and_instance_reads_them_as_strings()
    {
        const string body = """
            {"floatingip": {"instance_id": 42, "floating_network_id": 2719, "fixed_ip_address": null,
             "floating_ip_address": "192.168.1.2", "port_id": 19, "id": "7"}}
            """;
        var ip = JsonSerializer.Deserialize(body, CycladesNetworkJson.Default.CycladesFloatingIpEnvelope)!.Floatingip!;

        Assert.That((ip.Id, ip.FloatingNetworkId, ip.PortId, ip.InstanceId), Is.EqualTo(("7", "2719", "19", "42")));
        Assert.That(ip.FloatingIpAddress, Is.EqualTo("192.168.1.2"));
    }

    [Test]
    public void A_ports_fixed_ip_names_its_subnet_as_Cyclades_writes_it()
    {
        const string body = """
            {"port": {"status": "ACTIVE", "name": "Port to public network", "network_id": "2718", "device_owner": "vm",
             "mac_address": "aa:01:02:6c:34:ab", "fixed_ips": [{"subnet": "28", "ip_address": "2001:443:2dfc:1232:a810:3cf:fe9b:21ab"}],
             "id": "18", "security_groups": [], "device_id": "42"}}
            """;
        var port = JsonSerializer.Deserialize(body, CycladesNetworkJson.Default.CycladesPortEnvelope)!.Port!;

        Assert.That(port.FixedIps![0].Subnet, Is.EqualTo("28"));
        Assert.That(port.DeviceId, Is.EqualTo("42"));
        Assert.That(port.MacAddress, Is.EqualTo("aa:01:02:6c:34:ab"));
    }

    [Test]
    public void A_new_network_is_written_with_its_type_and_no_admin_state()
    {
        var json = JsonSerializer.Serialize(new NewCycladesNetworkEnvelope(new NewCycladesNetwork("occi-n1", "MAC_FILTERED")),
            CycladesNetworkJson.Default.NewCycladesNetworkEnvelope);

        Assert.That(json, Is.EqualTo("""{"network":{"name":"occi-n1","type":"MAC_FILTERED"}}"""));
    }

    [Test]
    public void An_id_of_another_JSON_type_is_unreadable_JSON_not_a_crash()
    {
        Assert.That(() => JsonSerializer.Deserialize("""{"network": {"id": true}}""", CycladesNetworkJson.Default.CycladesNetworkEnvelope),
            Throws.InstanceOf<JsonException>());
    }

    [TestCase("ACTIVE", "active")]
    [TestCase("SNF:DRAINED", "active")]
    [TestCase("BUILD", "inactive")]
    [TestCase("DOWN", "inactive")]
    [TestCase("ERROR", "error")]
    [TestCase(null, "inactive")]
    [TestCase("SOMETHING_NEW", "inactive")]
    public void Cyclades_network_and_port_statuses_are_GFD184_states(string? status, string state) =>
        Assert.That(CycladesNetworkStates.ToOcci(status), Is.EqualTo(state));
}
