import './activation.test';
import './drill.test';
import './designSession.test';
import './dashboard.test';
import './mockInterview.test';
import './restrictedMode.test';
import './progressWindows.test';
import './runPipeline.test';
