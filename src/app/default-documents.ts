/**
 * The terms of service and privacy policy a new archive starts with (version 0), written for a
 * small self-hosted fan archive. Admins replace them at /admin/terms; every saved text is kept.
 */

export const DEFAULT_TERMS = `<h2>About these terms</h2>
<p>This archive is a place to share and find fan works: fan fiction, and the notes, comments and bookmarks around it. It is run by a small team of volunteers on their own server, not by a company. By creating an account or posting anything here, you agree to these terms. If you do not agree, please do not use the archive.</p>

<h2>Your account</h2>
<ul>
<li>You must be at least 13 years old to create an account, and old enough in your country to agree to these terms yourself.</li>
<li>Give a working email address: it is how we reach you about your account, and how you reset your password.</li>
<li>Keep your password to yourself. You are responsible for what is posted from your account. Tell the admins at once if you think someone else is using it.</li>
<li>One person may hold several pen names on one account. Do not create accounts to get around a suspension or ban.</li>
</ul>

<h2>What you post</h2>
<ul>
<li>You keep every right you have in what you write. By posting it, you give the archive permission to store it, show it to the readers you chose (everyone, or logged-in members only), make downloads and feeds of it, and keep backups, for as long as you keep it here.</li>
<li>You can edit or delete your works, comments and bookmarks at any time. Deleting your account lets you keep your works as orphans (credited to no one) or delete them.</li>
<li>Post only what you created, or what you have the creator's permission to post. Fan works are welcome; copying someone else's work and presenting it as yours is not.</li>
<li>Rate your works honestly and use the archive warnings and tags so readers can choose what they read. Works that are rated or warned wrongly may be hidden until they are corrected.</li>
</ul>

<h2>What is not allowed</h2>
<ul>
<li>Content that is illegal where the archive is hosted, including sexual content involving real minors.</li>
<li>Harassment: threats, targeting a person with abuse, posting someone's private information, or encouraging others to do any of these.</li>
<li>Spam and advertising, and posting the same text again and again.</li>
<li>Plagiarism, and posting works you do not have the right to post.</li>
<li>Attempts to break, overload or gain access to the archive or other people's accounts.</li>
</ul>

<h2>Moderation</h2>
<p>Anyone can report a work, comment or account that breaks these terms. The archive's moderators look at every report. They may hide or remove content, and suspend or ban accounts; when they do, they tell you why. If you think a decision was wrong, write to the admins and it will be looked at again by someone else where possible.</p>

<h2>No guarantees</h2>
<p>The archive is run by volunteers and provided as it is. We do our best to keep it running and to keep backups, but we cannot promise that it will always be available or that nothing will ever be lost: keep your own copies of what you write. The archive may close; if it does, members will be told in advance and given time to download their works.</p>

<h2>Changes to these terms</h2>
<p>When these terms change in a way that matters, members are asked to read and accept the new version at their next visit. Every version is dated and kept.</p>`;

export const DEFAULT_PRIVACY = `<h2>Who we are</h2>
<p>This archive is run by its volunteer admins on their own server. They are responsible for the personal data described here. You can reach them through the contact details on the archive's news page or about page.</p>

<h2>What we keep, and why</h2>
<ul>
<li><strong>Your account:</strong> your username, email address, and a one-way hash of your password (never the password itself). We need these to let you log in and to reach you about your account.</li>
<li><strong>What you post:</strong> works, chapters, comments, bookmarks, kudos, subscriptions and settings, for as long as you keep them here.</li>
<li><strong>Sessions:</strong> a cookie that keeps you logged in, and a cookie that protects forms against forgery. Reading settings may be kept in a cookie too. We use no advertising or tracking cookies and no third-party analytics.</li>
<li><strong>Guests who comment:</strong> the name and email address you give. The email address is never shown to anyone but the archive's staff.</li>
<li><strong>Addresses:</strong> to count hits and kudos once per visitor and to limit spam, we keep a salted hash of your network address, not the address itself. The web server's logs may hold addresses for a short time to keep the archive safe.</li>
<li><strong>Invitation requests:</strong> if you join the invitation queue, we keep your email address until your invitation is sent and used.</li>
</ul>

<h2>Who sees it</h2>
<p>Your email address and private settings are seen only by you and, when they need to for running or moderating the archive, its admins. We do not sell or share personal data. We use an outside mail service only to deliver the archive's own mail to you, if the archive sends mail at all.</p>

<h2>How long we keep it</h2>
<p>Your data stays while your account exists. When you delete your account, your account data is removed, and your works are deleted or kept as orphans as you choose. Backups holding it are replaced in the ordinary course, within a few weeks.</p>

<h2>Your rights</h2>
<p>You can see and change your email address and settings on your account page, download your works, and delete your account at any time. You may ask the admins for a copy of the personal data held about you, or for it to be corrected or deleted. Where data-protection law gives you further rights, you have them here too.</p>

<h2>Changes to this policy</h2>
<p>When this policy changes in a way that matters, members are asked to read and accept the new version at their next visit. Every version is dated and kept.</p>`;
