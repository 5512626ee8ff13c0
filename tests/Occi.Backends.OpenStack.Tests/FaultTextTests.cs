using System.Net;
using Occi.Backends.OpenStack.Http;
using Occi.Core;

namespace Occi.Backends.OpenStack.Tests;

/// <summary>OpenStack's error answers as the OCCI errors a client sees, with the service's own words (no cloud needed).</summary>
public sealed class FaultTextTests
{
    private static readonly OpenStackService Nova = OpenStackService.Compute("2.79");

    [TestCase(HttpStatusCode.NotFound, """{"itemNotFound": {"code": 404, "message": "Instance x could not be found."}}""", OcciErrorKind.NotFound, "Nova: Instance x could not be found.")]
    [TestCase(HttpStatusCode.Conflict, """{"conflictingRequest": {"code": 409, "message": "Cannot 'stop' instance x while it is in vm_state stopped"}}""", OcciErrorKind.Conflict, "Nova: Cannot 'stop' instance x while it is in vm_state stopped")]
    [TestCase(HttpStatusCode.Forbidden, """{"forbidden": {"code": 403, "message": "Quota exceeded for instances: Requested 1, but already used 0 of 0 instances"}}""", OcciErrorKind.Conflict, "Nova: Quota exceeded for instances: Requested 1, but already used 0 of 0 instances")]
    [TestCase(HttpStatusCode.RequestEntityTooLarge, """{"overLimit": {"code": 413, "message": "Quota exceeded for cores"}}""", OcciErrorKind.Conflict, "Nova: Quota exceeded for cores")]
    [TestCase(HttpStatusCode.Forbidden, """{"forbidden": {"code": 403, "message": "Policy doesn't allow os_compute_api:servers:create to be performed."}}""", OcciErrorKind.Forbidden, "Nova: Policy doesn't allow os_compute_api:servers:create to be performed.")]
    [TestCase(HttpStatusCode.BadRequest, """{"NeutronError": {"type": "InvalidInput", "message": "Invalid input for operation", "detail": ""}}""", OcciErrorKind.BadRequest, "Nova: Invalid input for operation")]
    [TestCase(HttpStatusCode.ServiceUnavailable, "", OcciErrorKind.Unavailable, "Nova answered 503 ServiceUnavailable")]
    [TestCase(HttpStatusCode.InternalServerError, """{"computeFault": {"code": 500, "message": "Unexpected API Error."}}""", OcciErrorKind.BackendFailure, "Nova: Unexpected API Error.")]
    [TestCase(HttpStatusCode.NotFound, "404 Not Found\n\nThe resource could not be found.<br /><br />\n\n", OcciErrorKind.NotFound, "Nova: 404 Not Found The resource could not be found.")]
    [TestCase(HttpStatusCode.BadGateway, "{not json", OcciErrorKind.BackendFailure, "Nova: {not json")]
    public void A_fault_becomes_the_OCCI_error_with_the_service_s_message(HttpStatusCode status, string body, OcciErrorKind kind, string message)
    {
        var error = OpenStackFault.ToOcci(Nova, status, body);
        Assert.That(error.Kind, Is.EqualTo(kind));
        Assert.That(error.Message, Is.EqualTo(message));
    }

    [Test]
    public void A_long_fault_text_is_cut()
    {
        var error = OpenStackFault.ToOcci(Nova, HttpStatusCode.BadRequest, new string('x', 5000));
        Assert.That(error.Message.Length, Is.LessThan(600));
    }
}
