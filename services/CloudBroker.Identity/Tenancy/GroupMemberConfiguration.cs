using CloudBroker.Identity.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CloudBroker.Identity.Tenancy;

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.ToTable("group_members");
        builder.HasKey(m => new { m.GroupId, m.UserId });
        builder.Property(m => m.GroupId).HasMaxLength(64);
        builder.Property(m => m.UserId).HasMaxLength(64);
        builder.HasIndex(m => m.UserId);
        builder.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasData(new GroupMember { GroupId = SystemTenant.GroupId, UserId = SystemTenant.AdminUserId });
    }
}
