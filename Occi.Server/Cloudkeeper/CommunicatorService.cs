using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Occi.Server.Cloudkeeper.Protocol;

namespace Occi.Server.Cloudkeeper;

/// <summary>
/// The cloudkeeper backend protocol's <c>Communicator</c> service (cloudkeeper-proto eb76688). The core's call
/// order: a new image list PreAction → RemoveExpiredAppliances → ImageLists → AddAppliance × N → PostAction; a
/// known one ImageLists → Appliances(list) → Remove/Add/Update/UpdateApplianceMetadata. Pre- and PostAction bracket
/// nothing here: every other call is complete and durable when it answers.
/// </summary>
internal sealed class CommunicatorService(ApplianceSync sync) : Communicator.CommunicatorBase
{
    private static readonly Empty Done = new();

    public override Task<Empty> PreAction(Empty request, ServerCallContext context) => Task.FromResult(Done);

    public override Task<Empty> PostAction(Empty request, ServerCallContext context) => Task.FromResult(Done);

    public override async Task<Empty> AddAppliance(Appliance request, ServerCallContext context)
    {
        await sync.RegisterAsync(request, context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> UpdateAppliance(Appliance request, ServerCallContext context)
    {
        await sync.RegisterAsync(request, context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> UpdateApplianceMetadata(Appliance request, ServerCallContext context)
    {
        await sync.UpdateMetadataAsync(request, context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> RemoveAppliance(Appliance request, ServerCallContext context)
    {
        await sync.RemoveAsync(request, context.CancellationToken);
        return Done;
    }

    public override async Task<Empty> RemoveImageList(ImageListIdentifier request, ServerCallContext context)
    {
        await sync.RemoveImageListAsync(request.ImageListIdentifier_, context.CancellationToken);
        return Done;
    }

    public override async Task ImageLists(Empty request, IServerStreamWriter<ImageListIdentifier> responseStream, ServerCallContext context)
    {
        foreach (var id in sync.ImageLists())
            await responseStream.WriteAsync(new ImageListIdentifier { ImageListIdentifier_ = id }, context.CancellationToken);
    }

    public override async Task Appliances(ImageListIdentifier request, IServerStreamWriter<Appliance> responseStream, ServerCallContext context)
    {
        foreach (var appliance in sync.Appliances(request.ImageListIdentifier_))
            await responseStream.WriteAsync(appliance, context.CancellationToken);
    }

    public override async Task<Empty> RemoveExpiredAppliances(Empty request, ServerCallContext context)
    {
        await sync.RemoveExpiredAsync(context.CancellationToken);
        return Done;
    }
}
