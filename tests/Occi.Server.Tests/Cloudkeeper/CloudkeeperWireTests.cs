using Google.Protobuf;
using Occi.Server.Cloudkeeper.Protocol;

namespace Occi.Server.Tests.Cloudkeeper;

/// <summary>
/// Issue 16, wire compatibility with the core (cloudkeeper-proto eb76688): bytes written by hand from the
/// protocol's field numbers decode to the expected values, and encoding the values gives the same bytes. A later
/// revision's numbering (checksum 17, image 18) would fail here.
/// </summary>
public sealed class CloudkeeperWireTests
{
    private static byte[] Field(int number, string value) => [(byte)(number << 3 | 2), (byte)value.Length, .. System.Text.Encoding.ASCII.GetBytes(value)];

    // Image: mode REMOTE (1 → 08 01), location (2), format QCOW2 (3 → 18 02), uri (4), checksum (5), size 300 (6 → 30 AC 02),
    // username (7), password (8), digest (9).
    private static readonly byte[] ImageBytes =
    [
        0x08, 0x01, .. Field(2, "/tmp/x"), 0x18, 0x02, .. Field(4, "http://h/i"), .. Field(5, "abc"), 0x30, 0xAC, 0x02,
        .. Field(7, "u"), .. Field(8, "p"), .. Field(9, "d1"),
    ];

    // Appliance: identifier 1 … digest 16 (strings and numbers in order), image 17 (tag 17<<3|2 = 138 → 8A 01).
    private static readonly byte[] ApplianceBytes =
    [
        .. Field(1, "id"), .. Field(2, "title"), .. Field(3, "desc"), .. Field(4, "mp"), .. Field(5, "grp"),
        0x30, 0x80, 0x10, // ram 2048
        0x38, 0x02, // core 2
        .. Field(8, "1.0"), .. Field(9, "x86_64"), .. Field(10, "Linux"), .. Field(11, "vo"),
        0x60, 0x80, 0xA0, 0xEA, 0xD9, 0x06, // expiration_date 1,799,000,064 (varint)
        .. Field(13, "list"), .. Field(14, "base"), .. Field(15, "42"),
        0x82, 0x01, 0x02, (byte)'d', (byte)'g', // digest 16: tag 16<<3|2 = 130 → 82 01
        0x8A, 0x01, (byte)ImageBytes.Length, .. ImageBytes,
    ];

    private static Appliance Expected() => new()
    {
        Identifier = "id", Title = "title", Description = "desc", Mpuri = "mp", Group = "grp", Ram = 2048, Core = 2, Version = "1.0",
        Architecture = "x86_64", OperatingSystem = "Linux", Vo = "vo", ExpirationDate = 1_799_000_064, ImageListIdentifier = "list",
        BaseMpuri = "base", Appid = "42", Digest = "dg",
        Image = new Image
        {
            Mode = Image.Types.Mode.Remote, Location = "/tmp/x", Format = Image.Types.Format.Qcow2, Uri = "http://h/i", Checksum = "abc",
            Size = 300, Username = "u", Password = "p", Digest = "d1",
        },
    };

    [Test]
    public void Hand_written_appliance_bytes_decode_to_the_expected_values()
    {
        Assert.That(Appliance.Parser.ParseFrom(ApplianceBytes), Is.EqualTo(Expected()));
    }

    [Test]
    public void The_expected_values_encode_to_the_hand_written_bytes()
    {
        Assert.That(Expected().ToByteArray(), Is.EqualTo(ApplianceBytes));
    }

    [Test]
    public void Image_list_identifier_is_field_1()
    {
        byte[] bytes = [.. Field(1, "76fdee70")];
        Assert.That(ImageListIdentifier.Parser.ParseFrom(bytes).ImageListIdentifier_, Is.EqualTo("76fdee70"));
        Assert.That(new ImageListIdentifier { ImageListIdentifier_ = "76fdee70" }.ToByteArray(), Is.EqualTo(bytes));
    }

    [Test]
    public void Enum_values_are_the_protocols()
    {
        Assert.That((int)Image.Types.Mode.Local, Is.Zero);
        Assert.That((int)Image.Types.Mode.Remote, Is.EqualTo(1));
        Assert.That(new[] { Image.Types.Format.Raw, Image.Types.Format.Ova, Image.Types.Format.Qcow2, Image.Types.Format.Vmdk }.Select(f => (int)f),
            Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void The_service_is_cloudkeeper_grpc_Communicator_with_the_cores_methods()
    {
        Assert.That(Communicator.Descriptor.FullName, Is.EqualTo("cloudkeeper_grpc.Communicator"));
        Assert.That(Communicator.Descriptor.Methods.Select(m => m.Name), Is.EqualTo(new[]
        {
            "PreAction", "PostAction", "AddAppliance", "UpdateAppliance", "UpdateApplianceMetadata", "RemoveAppliance",
            "RemoveImageList", "ImageLists", "Appliances", "RemoveExpiredAppliances",
        }));
        Assert.That(Communicator.Descriptor.FindMethodByName("Appliances").IsServerStreaming, Is.True);
        Assert.That(Communicator.Descriptor.FindMethodByName("ImageLists").IsServerStreaming, Is.True);
    }
}
