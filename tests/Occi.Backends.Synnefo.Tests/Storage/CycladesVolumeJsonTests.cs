using System.Text.Json;
using Occi.Backends.Synnefo.Storage;

namespace Occi.Backends.Synnefo.Tests.Storage;

/// <summary>The Cyclades block storage answers read into the gateway's shapes; volume statuses as storage states.</summary>
public sealed class CycladesVolumeJsonTests
{
    [Test]
    public void A_volume_as_the_guide_shows_it_reads_with_its_v2_names()
    {
        const string body = """
            {"volume": {"links": [], "id": "44", "display_name": "Volume Three", "status": "CREATING", "size": 10,
             "display_description": null, "created_at": "2014-05-13T19:52:04.949734", "metadata": {"occi_id": "s1"},
             "snapshot_id": null, "source_volid": null, "image_id": null, "attachments": [], "volume_type": 2,
             "delete_on_termination": false, "project": "1234"}}
            """;
        var volume = JsonSerializer.Deserialize(body, CycladesVolumeJson.Default.CycladesVolumeEnvelope)!.Volume!;

        Assert.That((volume.Id, volume.DisplayName, volume.Status, volume.Size), Is.EqualTo(("44", "Volume Three", "CREATING", 10.0)));
        Assert.That(volume.Metadata!["occi_id"], Is.EqualTo("s1"));
    }

    [Test]
    public void An_attachment_with_numeric_ids_reads_them_as_strings()
    {
        const string body = """{"volumeAttachment": {"device": "", "serverId": 1134, "id": 9, "volumeId": 9}}""";
        var attachment = JsonSerializer.Deserialize(body, CycladesAttachmentJson.Default.CycladesAttachmentEnvelope)!.VolumeAttachment!;

        Assert.That((attachment.Id, attachment.ServerId, attachment.VolumeId), Is.EqualTo(("9", "1134", "9")));
    }

    [Test]
    public void A_new_volume_is_written_with_display_name_and_no_empty_volume_type()
    {
        var json = JsonSerializer.Serialize(new NewCycladesVolumeEnvelope(new NewCycladesVolume(2, "disk", "OCCI storage s1", new() { ["occi_id"] = "s1" }, null)),
            CycladesVolumeJson.Default.NewCycladesVolumeEnvelope);

        Assert.That(json, Is.EqualTo("""{"volume":{"size":2,"display_name":"disk","display_description":"OCCI storage s1","metadata":{"occi_id":"s1"}}}"""));
    }

    [TestCase("AVAILABLE", "online")]
    [TestCase("available", "online")]
    [TestCase("in_use", "online")]
    [TestCase("CREATING", "offline")]
    [TestCase("ERROR", "error")]
    [TestCase("error_deleting", "error")]
    [TestCase("SOMETHING_NEW", "offline")]
    [TestCase(null, "offline")]
    public void Cyclades_volume_statuses_are_GFD184_storage_states(string? status, string state) =>
        Assert.That(CycladesVolumeStates.ToOcci(status), Is.EqualTo(state));

    [Test]
    public void A_deleted_volume_is_gone() =>
        Assert.That(CycladesVolumeStates.IsGone("DELETED") && CycladesVolumeStates.IsGone("deleted") && !CycladesVolumeStates.IsGone("AVAILABLE"), Is.True);
}
