namespace Pincer.Abstractions.Channels;

/// <summary>The reference's conversation kinds; wire names are <c>direct</c>, <c>group</c>, <c>channel</c>.</summary>
public enum ChatType
{
    Direct,
    Group,
    Channel,
}
