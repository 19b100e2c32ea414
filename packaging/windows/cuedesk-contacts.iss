; Inno Setup script: a per-user installer (no administrator rights) with a Start-menu entry and an uninstaller.
; Built by packaging/build.py windows:  ISCC /DAppVersion=x.y.z /DSourceDir=dist\cuedesk-contacts /Odist this.iss

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\cuedesk-contacts"
#endif

[Setup]
AppId={{6C1E9E0B-3F5A-4C8E-9B0D-CDE5C0A7A1F2}
AppName=CueDesk Contacts
AppVersion={#AppVersion}
AppPublisher=CueDesk
DefaultDirName={localappdata}\Programs\CueDesk Contacts
DefaultGroupName=CueDesk Contacts
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
OutputBaseFilename=CueDesk-Contacts-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\cuedesk-contacts.ico
UninstallDisplayIcon={app}\cuedesk-contacts.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\CueDesk Contacts"; Filename: "{app}\cuedesk-contacts.exe"
Name: "{userdesktop}\CueDesk Contacts"; Filename: "{app}\cuedesk-contacts.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\cuedesk-contacts.exe"; Description: "{cm:LaunchProgram,CueDesk Contacts}"; Flags: nowait postinstall skipifsilent
