using IndustryMap.Web.Api;
using Microsoft.AspNetCore.Http.Features;

namespace IndustryMap.Web.Security;

/// <summary>Marks an endpoint that takes an upload: its body may be as large as <see cref="SecurityOptions.MaxUploadBytes"/>.</summary>
public sealed class UploadBodyLimit
{
    public static readonly UploadBodyLimit Instance = new();
}

/// <summary>
/// Request size limits that hold on any server (Kestrel, a reverse proxy's test double, the in-memory test
/// server): a declared length over the limit is refused with 413 before anything is read, and a body without a
/// declared length is cut off with 413 once it passes the limit.
/// </summary>
public sealed class BodyLimits(RequestDelegate next, SecurityOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<UploadBodyLimit>() is not null ? options.MaxUploadBytes : options.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await TooLarge(limit).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        context.Request.Body = new LimitedStream(context.Request.Body, limit);
        await next(context);
    }

    public static IResult TooLarge(long limit) => Problems.Of(StatusCodes.Status413PayloadTooLarge, "request_too_large",
        $"请求内容超过上限（{limit / 1024} KB）", $"the request body is larger than the limit of {limit / 1024} KB");

    /// <summary>Reads through to the request body and throws 413 (BadHttpRequestException) past the limit.</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > limit) throw new BadHttpRequestException($"request body larger than {limit} bytes", StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
